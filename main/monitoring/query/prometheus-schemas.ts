import { z } from 'zod';

/**
 * zod schemas for the Prometheus HTTP API (v1) envelope, as documented at
 * prometheus.io/docs/prometheus/latest/querying/api/ and as Prometheus 2.x/3.x
 * send it. Sample values stay STRINGS exactly as Prometheus sends them —
 * Go's float formatting, including "NaN", "+Inf" and "-Inf", which JSON
 * numbers cannot carry — and are converted only where a chart needs numbers
 * (prometheus-values.ts). Timestamps are float seconds.
 */

/** Go strconv float text: decimal or exponent, NaN, ±Inf. */
const promFloatRe = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;

export const sampleValueSchema = z.string().regex(promFloatRe, 'not a Prometheus number');
export const timestampSchema = z.number().finite();
export const sampleSchema = z.tuple([timestampSchema, sampleValueSchema]);
export const labelSetSchema = z.record(z.string(), z.string());
/** Native histograms are kept opaque until a panel draws them. */
const histogramSampleSchema = z.tuple([timestampSchema, z.unknown()]);

export const matrixSeriesSchema = z.object({
  metric: labelSetSchema,
  values: z.array(sampleSchema).default([]),
  histograms: z.array(histogramSampleSchema).optional(),
});

export const vectorSampleSchema = z.object({
  metric: labelSetSchema,
  value: sampleSchema.optional(),
  histogram: histogramSampleSchema.optional(),
});

export const queryDataSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('matrix'), result: z.array(matrixSeriesSchema) }),
  z.object({ resultType: z.literal('vector'), result: z.array(vectorSampleSchema) }),
  z.object({ resultType: z.literal('scalar'), result: sampleSchema }),
  z.object({ resultType: z.literal('string'), result: z.tuple([timestampSchema, z.string()]) }),
]);

const notes = z.array(z.string()).optional();

export const successEnvelopeSchema = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal('success'), data, warnings: notes, infos: notes });

export const errorEnvelopeSchema = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
  warnings: notes,
  infos: notes,
});

/** /api/v1/labels and /api/v1/label/<name>/values both answer a string list. */
export const stringListSchema = z.array(z.string());

export type Sample = z.infer<typeof sampleSchema>;
export type LabelSet = z.infer<typeof labelSetSchema>;
export type MatrixSeries = z.infer<typeof matrixSeriesSchema>;
export type VectorSample = z.infer<typeof vectorSampleSchema>;
export type QueryData = z.infer<typeof queryDataSchema>;
