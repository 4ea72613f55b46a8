/** Types of the requests API (from the shared schemas) and small helpers around them. */
import type { z } from 'zod';
import type {
  ApiKey as ApiKeySchema,
  CalendarDay as CalendarDaySchema,
  Category as CategorySchema,
  Figures as FiguresSchema,
  NotificationList as NotificationListSchema,
  Photo as PhotoSchema,
  RequestDetail as RequestDetailSchema,
  RequestSummary as RequestSummarySchema,
  SimilarItem as SimilarItemSchema,
  TimelineEntry as TimelineEntrySchema,
  Upload as UploadSchema,
} from '../../../../common/requests/schemas.ts';

export type RequestSummary = z.infer<typeof RequestSummarySchema>;
export type RequestDetail = z.infer<typeof RequestDetailSchema>;
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type Photo = z.infer<typeof PhotoSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type CalendarDay = z.infer<typeof CalendarDaySchema>;
export type Figures = z.infer<typeof FiguresSchema>;
export type SimilarItem = z.infer<typeof SimilarItemSchema>;
export type Upload = z.infer<typeof UploadSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const REQUESTS = '/api/requests';
export const detailKey = (id: string) => [REQUESTS, 'detail', id] as const;
