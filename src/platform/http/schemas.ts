import { Type, type TSchema } from '@sinclair/typebox';

/** Every error answer: a stable code and a message in the caller's language. */
export const ErrorBody = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Optional(Type.Array(Type.Unknown())) },
  { $id: 'ErrorBody', additionalProperties: false },
);

const errorRef = Type.Ref('ErrorBody');

/** Adds the standard error answers to a route's response schemas. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  return {
    ...ok,
    400: errorRef,
    401: errorRef,
    403: errorRef,
    404: errorRef,
    409: errorRef,
    413: errorRef,
    429: errorRef,
    500: errorRef,
    503: errorRef,
  };
}

/** A text in the three languages. */
export const TextSchema = Type.Object(
  { vi: Type.String(), 'zh-CN': Type.String(), en: Type.String() },
  { additionalProperties: false },
);

/** Standard list paging query. */
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};
