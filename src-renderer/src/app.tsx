export function App(): React.JSX.Element {
  return (
    <main>
      <h1>AMMS Station</h1>
      <p>The station screens are being built.</p>
    </main>
  );
}
