// The logged-in user, their role, and Log out.
import type { SessionUser } from '../../../src-preload/contract/session.ts';
import { useLogout } from '../api/station-queries.ts';
import { ROLE_LABELS } from '../../../src-preload/contract/roles.ts';

export function UserMenu(props: { user: SessionUser }): React.JSX.Element {
  const logout = useLogout();
  return (
    <div className="user-menu">
      <div className="user-who">
        <span className="user-name">{props.user.fullName}</span>
        <span className="user-role">{ROLE_LABELS[props.user.role]}</span>
      </div>
      <button
        type="button"
        className="button button-quiet"
        disabled={logout.isPending}
        onClick={() => {
          logout.mutate();
        }}
      >
        Log out
      </button>
    </div>
  );
}
