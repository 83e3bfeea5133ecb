// Technician picker: a name (words of it), a badge or an e-mail and Enter (people.technicians);
// one hit is taken, several are offered as buttons. A badge scan in the screen's scan field sets
// the technician directly.
import type { ResultOf } from '../../../../src-preload/contract/api.ts';
import { useStationClient } from '../../api/client-context.tsx';
import { SearchPicker } from '../../components/search-picker.tsx';

type TechnicianRow = ResultOf<'people.technicians'>['rows'][number];

export interface TechnicianPickerProps {
  id: string;
  technicianId: string | null;
  name: string | null;
  onPick: (technician: { id: string; name: string } | null) => void;
  onPicked?: () => void;
}

export function TechnicianPicker(props: TechnicianPickerProps): React.JSX.Element {
  const client = useStationClient();
  return (
    <SearchPicker<TechnicianRow>
      id={props.id}
      label="Technician (name or badge)"
      placeholder={props.name ? `${props.name} — type to change` : 'e.g. Tia or her badge'}
      listLabel="Matching technicians"
      search={async (query) => (await client.call('people.technicians', { query, limit: 8 })).rows}
      choose={(rows) => (rows.length === 1 ? rows[0] : undefined)}
      noMatch={(query) => `No active technician has a name, badge or e-mail like “${query}”.`}
      describe={(row) => ({
        title: row.full_name,
        subtitle: [row.badge_code, row.site_code, row.at_this_site ? null : 'wallet kept at another site']
          .filter(Boolean)
          .join(' · '),
      })}
      onPick={(row) => {
        props.onPick({ id: row.id, name: row.full_name });
      }}
      {...(props.onPicked ? { onPicked: props.onPicked } : {})}
    />
  );
}
