// Choosing an asset: scan its QR or type its code (the one scan field), or type part of its name
// ("excavator"): one match is taken, several are offered as buttons (the cache's name index).
import { useState, type RefObject } from 'react';
import type { LookupResult } from '../../../../src-preload/contract/lookup.ts';
import { ScanField } from '../../components/scan-field.tsx';

export interface PickedAsset {
  id: string;
  label: string;
}

export interface AssetPickerProps {
  id: string;
  label?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  onPick: (asset: PickedAsset) => void;
  onCancel?: () => void;
  compact?: boolean;
}

export function AssetPicker(props: AssetPickerProps): React.JSX.Element {
  const [choices, setChoices] = useState<PickedAsset[]>([]);
  const pick = (asset: PickedAsset): void => {
    setChoices([]);
    props.onPick(asset);
  };

  const onUnrouted = (result: LookupResult, message: string): string | null => {
    const assets = result.matches.flatMap((m) =>
      m.item.kind === 'asset' ? [{ id: m.item.id, label: assetLabel(m.item.clientCode, m.item.name) }] : [],
    );
    if (assets.length === 0) {
      setChoices([]);
      return message;
    }
    setChoices(assets);
    return null;
  };

  return (
    <div className="mx-stack">
      <ScanField
        id={props.id}
        label={props.label ?? 'Asset (scan, code or name)'}
        placeholder="Scan the asset’s QR, type its code or part of its name"
        accepts={['asset']}
        {...(props.inputRef ? { inputRef: props.inputRef } : {})}
        {...(props.onCancel ? { onCancel: props.onCancel } : {})}
        {...(props.compact ? { compact: true } : {})}
        onItem={(item) => {
          if (item.kind !== 'asset') return 'Scan an asset here.';
          pick({ id: item.id, label: assetLabel(item.clientCode, item.name) });
          return null;
        }}
        onUnrouted={onUnrouted}
      />
      {choices.length > 0 && (
        <div role="group" aria-label="Matching assets" className="mx-actions">
          {choices.map((asset) => (
            <button
              key={asset.id}
              type="button"
              className="button button-quiet mx-button-small"
              onClick={() => {
                pick(asset);
              }}
            >
              {asset.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export function assetLabel(clientCode: string | null, name: string): string {
  return clientCode === null ? name : `${clientCode} · ${name}`;
}
