/** Open/closed state of a create-or-edit form, and the save call behind it. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../app/api.ts';

/** `record` is null when creating. */
export function useEditor<T>() {
  const [state, setState] = useState<{ open: boolean; record: T | null }>({ open: false, record: null });
  return {
    open: state.open,
    record: state.record,
    openCreate: () => setState({ open: true, record: null }),
    openEdit: (record: T) => setState({ open: true, record }),
    close: () => setState((s) => ({ ...s, open: false })),
  };
}

interface SaveArgs {
  record: { id: string; version: number } | null;
  values: object;
}

/** Save: POST to create, or PATCH with the record's version to update. */
export function useSaveRecord<R = unknown>(endpoint: string) {
  const mutation = useMutation({
    mutationFn: ({ record, values }: SaveArgs) =>
      record
        ? api<R>(`${endpoint}/${record.id}`, { method: 'PATCH', body: { ...values, version: record.version } })
        : api<R>(endpoint, { method: 'POST', body: values }),
  });
  return (record: SaveArgs['record'], values: object) => mutation.mutateAsync({ record, values });
}
