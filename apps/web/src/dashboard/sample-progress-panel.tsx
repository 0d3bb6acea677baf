import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TreeNode } from '../api/directory';
import { directoryApi } from '../api/directory';
import { QueryStatus } from '../app/query-status';
import { useSession } from '../auth/auth-context';
import { intakeApi } from '../staff/intake-api';
import { progressRows } from './sample-progress';
import { CampaignInfo, scoringApi } from './scoring-api';

function namesOf(nodes: readonly TreeNode[], language: string, into = new Map<string, string>()): Map<string, string> {
  for (const node of nodes) {
    into.set(node.unitId, language === 'en' ? node.nameEn : node.nameVi);
    namesOf(node.children, language, into);
  }
  return into;
}

/** Forms collected per unit against the sample it needs; unit names as they were on the campaign's last day. */
export function SampleProgressPanel({ campaign }: { campaign: CampaignInfo }) {
  const { t, i18n } = useTranslation();
  const { accessToken } = useSession();
  const progress = useQuery({
    queryKey: ['scoring', 'sample-progress', campaign.campaignId],
    queryFn: ({ signal }) => scoringApi.sampleProgress(accessToken, campaign.campaignId, signal),
  });
  const definition = useQuery({
    queryKey: ['intake', 'campaigns'],
    queryFn: ({ signal }) => intakeApi.campaigns(accessToken, signal),
  });
  const tree = useQuery({
    queryKey: ['directory', 'tree', campaign.period.to],
    queryFn: ({ signal }) => directoryApi.tree(accessToken, campaign.period.to, signal),
  });
  const target = definition.data?.campaigns.find((c) => c.campaignId === campaign.campaignId)?.targetSample ?? null;
  const names = namesOf(tree.data?.roots ?? [], i18n.language);
  const rows = progressRows(progress.data?.units ?? [], target);
  const reached = rows.filter((r) => r.reached).length;
  return (
    <section className="panel" aria-labelledby="progress-title" aria-busy={progress.isFetching}>
      <h2 id="progress-title">{t('dashboard.progressTitle')}</h2>
      <p className="field__hint">{t('dashboard.progressHint')}</p>
      <QueryStatus query={progress} />
      {progress.data && rows.length === 0 ? <p>{t('dashboard.progressEmpty')}</p> : null}
      {rows.length > 0 ? (
        <>
          <p data-testid="progress-summary">
            <strong>{t('dashboard.progressSummary', { reached, total: rows.length })}</strong>
          </p>
          <div className="table-scroll progress-scroll">
            <table className="figures-table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.unit')}</th>
                  <th scope="col">{t('dashboard.collected')}</th>
                  <th scope="col">{t('dashboard.target')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.unitId}>
                    <th scope="row">{names.get(row.unitId) ?? row.unitId.slice(0, 8)}</th>
                    <td>
                      <progress
                        max={row.needed ?? row.collected}
                        value={row.collected}
                        aria-label={`${row.collected} / ${row.needed ?? '—'}`}
                      />{' '}
                      {row.collected}
                    </td>
                    <td>
                      {row.needed ?? '—'}{' '}
                      {row.kind ? (
                        <span className="muted">
                          ({t(row.kind === 'plan' ? 'dashboard.targetKindPlan' : 'dashboard.targetKindCampaign')})
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
