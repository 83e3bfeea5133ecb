// A time shown as "12 s ago", with the exact time in its title and datetime attribute.
import { exactTime, relativeTime } from '../util/time.ts';
import { useNow } from '../util/use-now.ts';

export function RelativeTime(props: { iso: string; className?: string }): React.JSX.Element {
  const now = useNow();
  return (
    <time className={props.className} dateTime={props.iso} title={exactTime(props.iso)}>
      {relativeTime(props.iso, now)}
    </time>
  );
}
