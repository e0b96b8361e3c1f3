import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { BhError } from '../errors';
import { negotiateLocale } from '../i18n';

function validationDetail(err: FastifyError): string {
  const v = err.validation?.[0];
  if (!v) return err.message;
  const where = `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replace(/\//g, '.') : ''}`;
  return `${where} ${v.message ?? 'is not valid'}`;
}

/** Turns any error into `{code, message}` in the caller's language; never leaks internals. */
export function sendError(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  const locale = req.locale ?? negotiateLocale(req.headers['accept-language']);
  let e: BhError;
  const fe = error as FastifyError;
  if (error instanceof BhError) e = error;
  else if (fe?.validation) e = new BhError('BH_VALIDATION', { detail: validationDetail(fe) });
  else if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = new BhError('BH_PAYLOAD_TOO_LARGE');
  else if (fe?.statusCode === 429) e = new BhError('BH_AUTH_RATE_LIMITED', { seconds: 60 });
  else if (
    fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fe?.statusCode === 400 && error instanceof SyntaxError)
  )
    e = new BhError('BH_VALIDATION', { detail: 'body is not valid JSON' });
  else if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    e = new BhError('BH_VALIDATION', { detail: fe.code ?? 'bad request' });
  else {
    req.log.error({ err: error }, 'unhandled error');
    e = new BhError('BH_INTERNAL');
  }
  if (e.status >= 500 && error instanceof BhError) req.log.error({ err: error }, e.code);
  return reply
    .status(e.status)
    .header('content-language', locale)
    .send({ code: e.code, message: e.localized(locale) });
}
