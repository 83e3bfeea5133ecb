// An asset as it is shown on a maintenance screen: its label, a link to its card.
import { openAsset } from './maintenance-store.ts';

export function AssetLink(props: { id: string; label: string }): React.JSX.Element {
  return (
    <button
      type="button"
      className="mx-link"
      title="Open the asset card"
      onClick={(event) => {
        event.stopPropagation();
        openAsset(props.id);
      }}
    >
      {props.label}
    </button>
  );
}
