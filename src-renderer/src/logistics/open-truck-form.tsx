// Opening a truck (shipment.open): where it goes, the vehicle, the driver and their ID number, the
// JMS trip, whether it is a returnable pass (and when it is due back), remarks. The station makes
// the gate pass reference (its own prefix and next number), online or not.
import { useState, type SubmitEvent } from 'react';
import { checkPayload } from '../util/payload-check.ts';
import { useDestinations } from './logistics-queries.ts';
import type { TruckScreen } from './use-truck-screen.ts';

interface Form {
  destination_id: string;
  vehicle_reg: string;
  trailer_reg: string;
  driver_name: string;
  driver_id_number: string;
  jms_reference: string;
  returnable: boolean;
  expected_return_date: string;
  return_of: string;
  notes: string;
}

const EMPTY: Form = {
  destination_id: '',
  vehicle_reg: '',
  trailer_reg: '',
  driver_name: '',
  driver_id_number: '',
  jms_reference: '',
  returnable: false,
  expected_return_date: '',
  return_of: '',
  notes: '',
};

function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  upper?: boolean;
}): React.JSX.Element {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(e) => {
          props.onChange(props.upper === true ? e.target.value.toUpperCase() : e.target.value);
        }}
      />
    </div>
  );
}

export function OpenTruckForm(props: {
  screen: TruckScreen;
  onOpened: (id: string) => void;
}): React.JSX.Element {
  const destinations = useDestinations();
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) => {
      setForm((current) => ({ ...current, [key]: value }));
    };
  const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

  const onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const id = crypto.randomUUID();
    const checked = checkPayload('shipment.open', {
      shipment_id: id,
      destination_id: optional(form.destination_id),
      vehicle_reg: form.vehicle_reg,
      trailer_reg: optional(form.trailer_reg),
      driver_name: form.driver_name,
      driver_id_number: form.driver_id_number,
      jms_reference: optional(form.jms_reference),
      returnable: form.returnable,
      expected_return_date: form.returnable ? optional(form.expected_return_date) : undefined,
      return_of: optional(form.return_of),
      notes: optional(form.notes),
    });
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const refused = await props.screen.send('shipment.open', checked.payload);
    setError(refused);
    if (refused === null) {
      setForm(EMPTY);
      props.onOpened(id);
    }
  };

  return (
    <form
      className="card form-card open-truck"
      aria-labelledby="open-truck-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h2 id="open-truck-title" className="panel-title">
        Open a truck
      </h2>
      <div className="field">
        <label htmlFor="open-destination">Destination</label>
        <select
          id="open-destination"
          value={form.destination_id}
          onChange={(e) => {
            set('destination_id')(e.target.value);
          }}
        >
          <option value="">Choose the site…</option>
          {(destinations.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.code} · {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row field-row-2">
        <TextField
          id="open-vehicle"
          label="Vehicle"
          value={form.vehicle_reg}
          onChange={set('vehicle_reg')}
          maxLength={20}
          upper
        />
        <TextField
          id="open-trailer"
          label="Trailer (optional)"
          value={form.trailer_reg}
          onChange={set('trailer_reg')}
          maxLength={20}
          upper
        />
      </div>
      <div className="field-row field-row-2">
        <TextField
          id="open-driver"
          label="Driver’s name"
          value={form.driver_name}
          onChange={set('driver_name')}
          maxLength={100}
        />
        <TextField
          id="open-driver-id"
          label="Driver’s ID number"
          value={form.driver_id_number}
          onChange={set('driver_id_number')}
          maxLength={30}
          upper
        />
      </div>
      <div className="field-row field-row-2">
        <TextField
          id="open-jms"
          label="JMS trip (optional)"
          value={form.jms_reference}
          onChange={set('jms_reference')}
          maxLength={40}
        />
        <TextField
          id="open-return-of"
          label="Brings back pass (optional)"
          value={form.return_of}
          onChange={set('return_of')}
          maxLength={30}
          upper
        />
      </div>
      <label className="check-field">
        <input
          type="checkbox"
          checked={form.returnable}
          onChange={(e) => {
            set('returnable')(e.target.checked);
          }}
        />
        Returnable pass: the goods come back
      </label>
      {form.returnable && (
        <div className="field">
          <label htmlFor="open-return-date">Expected back on</label>
          <input
            id="open-return-date"
            type="date"
            value={form.expected_return_date}
            onChange={(e) => {
              set('expected_return_date')(e.target.value);
            }}
          />
        </div>
      )}
      <TextField
        id="open-notes"
        label="Remarks (optional)"
        value={form.notes}
        onChange={set('notes')}
        maxLength={500}
      />
      <p className="form-error" role="alert">
        {error}
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.screen.busy}>
          Open the truck
        </button>
      </div>
    </form>
  );
}
