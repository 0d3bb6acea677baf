import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { directoryApi } from '../api/directory';
import { useSession } from '../auth/auth-context';
import { unitName } from './unit-name';

/** A link to a unit named only by its id (a parent, a successor): its name is fetched once and cached. */
export function UnitLink({ unitId, on }: { unitId: string; on?: string | null }) {
  const { i18n } = useTranslation();
  const { accessToken } = useSession();
  const unit = useQuery({
    queryKey: ['directory', 'unit', unitId, null],
    queryFn: ({ signal }) => directoryApi.unit(accessToken, unitId, null, signal),
    staleTime: 5 * 60_000,
  });
  const label = unit.data ? `${unitName(unit.data, i18n.language)} (${unit.data.code})` : unitId;
  return <Link to={on ? `/units/${unitId}?on=${on}` : `/units/${unitId}`}>{label}</Link>;
}
