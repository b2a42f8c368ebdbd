import { OpsError } from '../../../shared/api/errors';
import { parseQueryResponse, parseStringListResponse } from '../query/prometheus-envelope';
import type { QueryData } from '../query/prometheus-schemas';
import { matrixSeriesToSeries, sampleValueToNumber, timestampToMs } from '../query/prometheus-values';
import type { Engine, EngineRange, EngineSample } from '../types';
import type { PromClient } from './client';
import { who } from './errors';

/** Prometheus takes float seconds. */
const sec = (ms: number) => String(ms / 1000);

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Prometheus stops evaluating when we would stop waiting. */
function serverTimeout(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

function matchParams(match: string | undefined): Array<[string, string]> {
  return match?.trim() ? [['match[]', match.trim()]] : [];
}

/** The Engine of one Prometheus datasource (types.ts): the HTTP API v1, through its client. */
export function promEngine(client: PromClient): Engine {
  const t = () => client.target;
  return {
    async range(expr, startMs, endMs, stepMs, signal): Promise<EngineRange> {
      const { data, warnings } = await client.call(
        {
          method: 'POST',
          path: '/api/v1/query_range',
          params: [
            ['query', expr],
            ['start', sec(startMs)],
            ['end', sec(endMs)],
            ['step', sec(stepMs)],
            ['timeout', serverTimeout(t().timeoutMs)],
          ],
        },
        parseQueryResponse,
        signal,
      );
      if (data.resultType !== 'matrix') {
        throw new OpsError('bad_input', `${who(t())} answered a range query with a ${data.resultType}, not a matrix.`);
      }
      return {
        series: data.result.map((s) => {
          const { t: times, v } = matrixSeriesToSeries(s);
          return { labels: s.metric, t: times, v };
        }),
        warnings,
      };
    },

    async instant(expr, atMs, signal) {
      const { data, warnings } = await client.call(
        {
          method: 'POST',
          path: '/api/v1/query',
          params: [
            ['query', expr],
            ['time', sec(atMs)],
            ['timeout', serverTimeout(t().timeoutMs)],
          ],
        },
        parseQueryResponse,
        signal,
      );
      return { samples: instantSamples(data, t()), warnings };
    },

    async labelNames(match, signal) {
      const { data } = await client.call(
        { method: 'GET', path: '/api/v1/labels', params: matchParams(match) },
        parseStringListResponse,
        signal,
      );
      return data;
    },

    async labelValues(label, match, signal) {
      if (!labelNameRe.test(label)) {
        throw new OpsError('bad_input', `"${label.slice(0, 100)}" is not a label name (letters, digits and _).`);
      }
      const { data } = await client.call(
        { method: 'GET', path: `/api/v1/label/${encodeURIComponent(label)}/values`, params: matchParams(match) },
        parseStringListResponse,
        signal,
      );
      return data;
    },
  };
}

function instantSamples(data: QueryData, target: { name: string; url: string }): EngineSample[] {
  switch (data.resultType) {
    case 'vector':
      return data.result
        .filter((s) => s.value !== undefined) // native histograms are not drawn yet
        .map((s) => ({ labels: s.metric, value: sampleValueToNumber(s.value![1]), t: timestampToMs(s.value![0]) }));
    case 'scalar':
      return [{ labels: {}, value: sampleValueToNumber(data.result[1]), t: timestampToMs(data.result[0]) }];
    case 'string':
      throw new OpsError('bad_input', `${who(target)}: the expression is a string, not a number; panels need numbers.`);
    case 'matrix':
      throw new OpsError(
        'bad_input',
        `${who(target)}: the expression is a range vector (it ends in [duration]); an instant query needs an instant vector — wrap it in a function such as rate() or last_over_time().`,
      );
  }
}
