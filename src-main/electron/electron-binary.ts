// Run from Node (the `amms station app` command): the 'electron' package resolves to the path of
// the Electron binary that its installer downloaded.
export async function electronBinaryPath(): Promise<string> {
  let path: unknown;
  try {
    path = ((await import('electron')) as unknown as { default: unknown }).default;
  } catch {
    path = undefined;
  }
  if (typeof path !== 'string') {
    throw new Error(
      "The Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set?). Reinstall it with 'npm rebuild electron', or use 'npm run station:web' to open the station in a browser.",
    );
  }
  return path;
}
