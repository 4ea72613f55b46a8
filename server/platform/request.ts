/** Small helpers the route files share. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { ErrorCode } from '../../common/errors/codes.ts';

/** The service context of a signed-in request. */
export function ctxOf(request: FastifyRequest): Ctx {
  const actor = request.actor;
  if (!actor) throw new AppError(ErrorCode.UNAUTHENTICATED);
  return { ...request.server.deps, actor, ip: request.ip, lang: request.lang };
}

/** Sends an .xlsx buffer as a download with a UTF-8 file name. */
export function sendXlsx(reply: FastifyReply, fileName: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}.xlsx`,
    )
    .header('cache-control', 'no-store')
    .send(buffer);
}
