import { CampaignRecord } from './campaign-store';

/** A campaign as the API shows it: its definition flattened, its status and who moved it there. */
export const campaignView = (c: CampaignRecord) => ({
  ...c.definition,
  status: c.status,
  createdAt: c.createdAt,
  createdBy: c.createdBy,
  openedAt: c.openedAt,
  openedBy: c.openedBy,
  closedAt: c.closedAt,
  closedBy: c.closedBy,
});

export const campaignNotFound = () => ({
  statusCode: 404,
  error: 'Not Found',
  message: 'no such campaign',
  messageVi: 'không có đợt khảo sát này',
  errors: [{ field: 'campaignId', reason: 'no such campaign', reasonVi: 'không có đợt khảo sát này' }],
});
