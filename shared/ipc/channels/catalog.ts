import { z } from 'zod';
import { channel, event } from '../define';
import { productSchema } from '../../domain/schemas';
import { messageSchema } from '../../messages';

/** One line's problems: in English (`reason`) and as Messages for the clerk's language. */
export const importRowErrorSchema = z.object({
  line: z.number().int().positive(),
  reason: z.string().max(300),
  messages: z.array(messageSchema).max(12).optional(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const catalogChannels = {
  'catalog:importPreview': channel({
    summary: 'Parse a CSV in main (streamed) and report valid rows and errors by line; nothing is imported until catalog:importCommit.',
    input: z.object({ fileName: z.string().max(260), text: z.string().max(64 * 1024 * 1024) }),
    output: z.object({
      importId: z.string(),
      validCount: z.number().int(),
      errorCount: z.number().int(),
      /** The first errors, by line number; errorCount says how many in all. */
      errors: z.array(importRowErrorSchema).max(500),
    }),
  }),
  'catalog:importCommit': channel({
    summary: 'Replace the catalog with the valid rows of a previewed import, all at once.',
    input: z.object({ importId: z.string() }),
    output: z.object({ count: z.number().int() }),
  }),
  'catalog:snapshot': channel({
    summary: 'The whole catalog, for the renderer to index for instant scans and search.',
    input: z.void(),
    output: z.object({ version: z.number().int(), products: z.array(productSchema) }),
  }),
  'catalog:setQuickKeys': channel({
    summary: 'Pin favourite products (by barcode) to the quick-key grid.',
    input: z.object({ barcodes: z.array(z.string().min(1).max(64)).max(48) }),
    output: z.object({ barcodes: z.array(z.string()) }),
  }),
  'catalog:quickKeys': channel({
    summary: 'The pinned quick keys.',
    input: z.void(),
    output: z.object({ barcodes: z.array(z.string()) }),
  }),
} as const;

export const catalogEvents = {
  'catalog:progress': event({
    summary: 'Rows parsed so far during an import preview.',
    payload: z.object({ rowsRead: z.number().int(), done: z.boolean() }),
  }),
  'catalog:changed': event({
    summary: 'Another till published a newer shop catalog and this till now has it: reload it between sales.',
    payload: z.object({ version: z.number().int(), count: z.number().int() }),
  }),
} as const;
