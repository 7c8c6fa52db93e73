import { createRequire } from 'node:module';
import type { APIRequestContext } from '@playwright/test';

// A server action called as the browser calls it: React's own encodeReply turns the arguments into
// the multipart body ([prevState, formData] for a useActionState form, [formData] for a plain
// <form action>), and the request carries the Next-Action header with the action's id.

const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.edge') as {
  encodeReply: (value: unknown[]) => Promise<FormData | string>;
};

/** How the page hands the action its arguments. */
export type CallShape = 'state-form' | 'form';

export type Fields = Record<string, string | readonly string[]>;

export interface ActionResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function toFormData(fields: Fields): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of typeof value === 'string' ? [value] : value) form.append(key, v);
  return form;
}

export async function callServerAction(request: APIRequestContext, baseURL: string, pageUrl: string, actionId: string, fields: Fields, shape: CallShape): Promise<ActionResponse> {
  const form = toFormData(fields);
  const encoded = await encodeReply(shape === 'state-form' ? [{}, form] : [form]);
  // fetch() serialises a FormData body as multipart/form-data with its own boundary: do the same
  const body = new Response(encoded);
  const res = await request.post(new URL(pageUrl, baseURL).toString(), {
    headers: {
      Accept: 'text/x-component',
      'Next-Action': actionId,
      Origin: baseURL,
      'Content-Type': body.headers.get('content-type') ?? 'text/plain;charset=UTF-8',
    },
    data: Buffer.from(await body.arrayBuffer()),
    maxRedirects: 0,
  });
  return { status: res.status(), headers: res.headers(), body: await res.text() };
}
