import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseQueryResponse,
  parseStringListResponse,
  unwrap,
} from '../../../main/monitoring/query/prometheus-envelope';
import { classifyPromError } from '../../../main/monitoring/query/prometheus-error';
import { matrixSeriesToSeries, sampleValueToNumber } from '../../../main/monitoring/query/prometheus-values';
import { OpsError } from '../../../shared/api/errors';
import {
  allBodies,
  errorParse,
  errorTooManySamples,
  labelValues,
  matrixNodeCpu,
  nginx502,
  vectorNodeFs,
  warningsRemoteRead,
} from './prometheus-fixtures';

describe('parseQueryResponse', () => {
  it('reads a node_exporter matrix with values as sent', () => {
    const out = parseQueryResponse({ body: matrixNodeCpu, httpStatus: 200 });
    if (!out.ok || out.data.resultType !== 'matrix') throw new Error('expected a matrix');
    expect(out.data.result).toHaveLength(2);
    expect(out.data.result[0].metric.mode).toBe('idle');
    expect(out.data.result[0].values[3]).toEqual([1700000045, 'NaN']);
    const s = matrixSeriesToSeries(out.data.result[0]);
    expect(s.t[1]).toBe(1700000015000);
    expect(Number.isNaN(s.v[3])).toBe(true);
    expect(s.v[0]).toBeCloseTo(0.9733333333333334, 15);
    expect(out.warnings).toEqual([]);
  });

  it('reads a vector with +Inf', () => {
    const out = parseQueryResponse({ body: vectorNodeFs });
    if (!out.ok || out.data.resultType !== 'vector') throw new Error('expected a vector');
    expect(out.data.result[1].value).toEqual([1700000060.123, '+Inf']);
    expect(sampleValueToNumber('+Inf')).toBe(Infinity);
    expect(sampleValueToNumber('-Inf')).toBe(-Infinity);
    expect(sampleValueToNumber('41829113856')).toBe(41829113856);
    expect(sampleValueToNumber('1e-7')).toBe(1e-7);
  });

  it('reads scalar and string results', () => {
    const sc = parseQueryResponse({ body: { status: 'success', data: { resultType: 'scalar', result: [1, '-Inf'] } } });
    expect(sc.ok && sc.data).toEqual({ resultType: 'scalar', result: [1, '-Inf'] });
    const st = parseQueryResponse({ body: { status: 'success', data: { resultType: 'string', result: [1, 'hi'] } } });
    expect(st.ok && st.data.resultType).toBe('string');
  });

  it('turns the bad PromQL envelope into a non-retryable bad_data error', () => {
    const out = parseQueryResponse({ body: errorParse, httpStatus: 400 });
    expect(out).toEqual({
      ok: false,
      warnings: [],
      error: {
        errorType: 'bad_data',
        message: 'invalid parameter "query": 1:11: parse error: unclosed left parenthesis',
        retryable: false,
        httpStatus: 400,
      },
    });
    try {
      unwrap(out);
      throw new Error('unwrap should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(OpsError);
      expect((e as OpsError).code).toBe('bad_input');
      expect((e as OpsError).message).toContain('unclosed left parenthesis');
    }
  });

  it('keeps warnings on success', () => {
    const out = parseQueryResponse({ body: warningsRemoteRead, httpStatus: 200 });
    expect(out.ok).toBe(true);
    expect(out.warnings[0]).toMatch(/^error reading from remote storage/);
  });

  it('classifies too many samples, timeouts and unknown types', () => {
    const tms = parseQueryResponse({ body: errorTooManySamples, httpStatus: 422 });
    expect(!tms.ok && tms.error.errorType).toBe('too_many_samples');
    expect(!tms.ok && tms.error.retryable).toBe(false);
    expect(classifyPromError('timeout', 'query timed out in expression evaluation', 503).retryable).toBe(true);
    expect(classifyPromError('unavailable', 'x').retryable).toBe(true);
    expect(classifyPromError('canceled', 'x').retryable).toBe(false);
    expect(classifyPromError('internal', 'x').retryable).toBe(false);
    expect(classifyPromError('brand_new', 'x')).toMatchObject({ errorType: 'unknown', rawErrorType: 'brand_new' });
  });

  it('treats a proxy 502 page as a retryable bad response', () => {
    const out = parseQueryResponse({ body: nginx502, httpStatus: 502 });
    expect(!out.ok && out.error).toMatchObject({ errorType: 'bad_response', retryable: true, httpStatus: 502 });
    expect(() => unwrap(out)).toThrow(expect.objectContaining({ code: 'unavailable' }) as unknown as Error);
    const garbage = parseQueryResponse({
      body: '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,2]]}]}}',
    });
    expect(!garbage.ok && garbage.error).toMatchObject({ errorType: 'bad_response', retryable: false });
  });
});

describe('parseStringListResponse', () => {
  it('reads label values', () => {
    expect(unwrap(parseStringListResponse({ body: labelValues }))).toEqual(['node', 'prometheus']);
    expect(parseStringListResponse({ body: '{"status":"success","data":[1]}' }).ok).toBe(false);
  });
});

describe('fuzz', () => {
  const parsers = [parseQueryResponse, parseStringListResponse];

  it('never throws on arbitrary JSON, and unwrap throws only OpsError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              status: fc.constantFrom('success', 'error', 'x'),
              data: fc.jsonValue(),
              errorType: fc.jsonValue(),
              error: fc.jsonValue(),
            },
            { requiredKeys: ['status'] },
          ),
        ),
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
        (body, httpStatus) => {
          for (const parse of parsers) {
            const out = parse({ body, httpStatus });
            const out2 = parse({ body: JSON.stringify(body) ?? '', httpStatus });
            for (const o of [out, out2]) {
              try {
                unwrap(o as never);
              } catch (e) {
                expect(e).toBeInstanceOf(OpsError);
              }
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('turns every truncation of a real response into a bad response, never a throw', () => {
    for (const body of allBodies) {
      for (let cut = 0; cut < body.length; cut++) {
        const out = parseQueryResponse({ body: body.slice(0, cut), httpStatus: 200 });
        expect(out.ok).toBe(false);
        if (!out.ok) expect(out.error.errorType).toBe('bad_response');
      }
    }
  });

  it('survives mutated real responses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allBodies), fc.nat(), fc.string({ maxLength: 4 }), (body, at, insert) => {
        const pos = at % (body.length + 1);
        const mutated = body.slice(0, pos) + insert + body.slice(pos + 1);
        const out = parseQueryResponse({ body: mutated });
        expect(typeof out.ok).toBe('boolean');
        if (out.ok && out.data.resultType === 'matrix') {
          for (const s of out.data.result) {
            try {
              matrixSeriesToSeries(s);
            } catch (e) {
              expect(e).toBeInstanceOf(OpsError);
            }
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
