/** Who is on duty now at each workstation of the town: one small public call for the H5 home. */
import { useEffect, useState } from 'react';
import { getJson, query, townCode } from '../publicApi.ts';

export interface OnDutyPerson {
  name: string;
  mobile: string | null;
  shiftName: string;
}

export function useOnDuty(): Map<string, OnDutyPerson[]> {
  const [byWorkstation, setByWorkstation] = useState(new Map<string, OnDutyPerson[]>());
  useEffect(() => {
    const controller = new AbortController();
    getJson<{ items: { workstationId: string; items: OnDutyPerson[] }[] }>(
      `/api/public/on-duty${query({ town: townCode() })}`,
      controller.signal,
    )
      .then((r) => setByWorkstation(new Map(r.items.map((i) => [i.workstationId, i.items]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return byWorkstation;
}
