// Reporting a defect (an operator, a technician, a supervisor): the asset (scan, code or name),
// what is wrong and, optionally, a photo. Queued as a 'service_request.file'; a supervisor triages
// it on this screen.
import { useRef, useState } from 'react';
import { checkPayload } from '../../util/payload-check.ts';
import { AssetPicker, type PickedAsset } from '../asset/asset-picker.tsx';
import { newId } from '../maintenance-words.ts';
import { SendFeedback } from '../send-feedback.tsx';
import { useSend } from '../use-send.ts';
import { readPhoto, type RequestPhoto } from './photo-file.ts';

export function FileRequest(props: {
  onFiled: (id: string) => void;
  onClose: () => void;
}): React.JSX.Element {
  const sender = useSend();
  const [asset, setAsset] = useState<PickedAsset | null>(null);
  const [description, setDescription] = useState('');
  const [photo, setPhoto] = useState<RequestPhoto | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const choosePhoto = async (file: File | undefined): Promise<void> => {
    if (!file) {
      setPhoto(null);
      return;
    }
    try {
      setPhoto(await readPhoto(file));
      sender.setError(null);
    } catch (e) {
      setPhoto(null);
      sender.setError(e instanceof Error ? e.message : String(e));
    }
  };

  const submit = async (): Promise<void> => {
    if (asset === null) {
      sender.setError('Scan or type the asset first.');
      return;
    }
    const id = newId();
    const checked = checkPayload('service_request.file', {
      request_id: id,
      asset_id: asset.id,
      description: description.trim(),
      ...(photo ? { photo: { content_type: photo.content_type, data: photo.data } } : {}),
    });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    if (await sender.send('service_request.file', checked.payload)) {
      setDescription('');
      setPhoto(null);
      if (fileRef.current) fileRef.current.value = '';
      props.onFiled(id);
    }
  };

  return (
    <section className="card mx-panel" aria-label="Report a defect">
      <h2>Report a defect</h2>
      <AssetPicker id="request-asset" onPick={setAsset} />
      {asset !== null && <p className="picked-title">On {asset.label}</p>}
      <form
        className="mx-stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          What is wrong
          <textarea
            maxLength={2000}
            value={description}
            placeholder="e.g. Hydraulic oil leaking at the boom cylinder"
            onChange={(e) => {
              setDescription(e.target.value);
            }}
          />
        </label>
        <label>
          Photo (optional)
          <input
            ref={fileRef}
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void choosePhoto(e.target.files?.[0])}
          />
        </label>
        {photo !== null && <img className="mx-photo" src={photo.preview} alt="The photo to send" />}
        <SendFeedback sender={sender} />
        <div className="mx-actions">
          <button type="submit" className="button button-primary" disabled={sender.busy}>
            Send request
          </button>
          <button type="button" className="button button-quiet" onClick={props.onClose}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}
