import { formatDateTime } from '../format';

export function DateTime({ value, withSeconds = false }: { value: string; withSeconds?: boolean }) {
  return <time dateTime={value}>{formatDateTime(value, withSeconds)}</time>;
}
