/** Open requests like the one being written: "这是不是您要反映的问题？" */
import { useEffect, useState } from 'react';
import type { Tr } from './dictionary.ts';
import { getJson, query, townCode } from './publicApi.ts';

interface Similar {
  id: string;
  code: string;
  categoryName: string;
  description: string;
  status: string;
}

export function SimilarList({
  text,
  villageId,
  categoryId,
  tr,
}: {
  text: string;
  villageId: string;
  categoryId: string;
  tr: Tr;
}) {
  const [items, setItems] = useState<Similar[]>([]);
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed.length < 4) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getJson<{ items: Similar[] }>(
        `/api/public/requests/similar${query({ text: trimmed, villageId, categoryId, town: townCode() })}`,
        controller.signal,
      )
        .then((answer) => setItems(answer.items))
        .catch(() => setItems([]));
    }, 500);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, villageId, categoryId]);

  if (items.length === 0 || text.trim().length < 4) return null;
  return (
    <div className="h5-similar" data-testid="similar">
      <strong>{tr('similarTitle')}</strong>
      <p>{tr('similarHint')}</p>
      <ul>
        {items.slice(0, 3).map((s) => (
          <li key={s.id}>
            <span className="h5-tag">{s.categoryName}</span> {s.description}
          </li>
        ))}
      </ul>
    </div>
  );
}
