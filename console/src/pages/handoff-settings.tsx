import { PageHeading } from '../components/page-heading';

export function HandoffSettingsPage() {
  return <PageHeading>Handoff</PageHeading>;
}
