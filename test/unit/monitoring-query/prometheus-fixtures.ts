/**
 * Response bodies shaped exactly as Prometheus 2.42 sends them (text, not
 * objects, so truncation tests cut real bytes).
 */

/** GET /api/v1/query_range?query=rate(node_cpu_seconds_total{mode="idle"}[5m])&step=15 — node_exporter 1.5. */
export const matrixNodeCpu = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { cpu: '0', instance: 'localhost:9100', job: 'node', mode: 'idle' },
        values: [
          [1700000000, '0.9733333333333334'],
          [1700000015, '0.9693333333333333'],
          [1700000030, '0.9586666666666667'],
          [1700000045, 'NaN'],
          [1700000060, '0.9813333333333333'],
        ],
      },
      {
        metric: { cpu: '1', instance: 'localhost:9100', job: 'node', mode: 'idle' },
        values: [
          [1700000000, '0.9646666666666667'],
          [1700000015, '0.9760000000000001'],
          [1700000030, '0.9713333333333334'],
          [1700000045, '0.9700000000000002'],
          [1700000060, '0.9726666666666667'],
        ],
      },
    ],
  },
});

/** GET /api/v1/query?query=node_filesystem_avail_bytes{mountpoint="/"} plus a +Inf ratio. */
export const vectorNodeFs = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      {
        metric: {
          __name__: 'node_filesystem_avail_bytes',
          device: '/dev/sda1',
          fstype: 'ext4',
          instance: 'localhost:9100',
          job: 'node',
          mountpoint: '/',
        },
        value: [1700000060.123, '41829113856'],
      },
      { metric: { instance: 'localhost:9100', job: 'node' }, value: [1700000060.123, '+Inf'] },
    ],
  },
});

/** GET /api/v1/query?query=rate(x[5m] — Prometheus 2.42 answers HTTP 400 with this. */
export const errorParse = JSON.stringify({
  status: 'error',
  errorType: 'bad_data',
  error: 'invalid parameter "query": 1:11: parse error: unclosed left parenthesis',
});

/**
 * POST /api/v1/query_range with query=rate(x[5m] — Prometheus 2.42 answers HTTP 400, and unlike
 * /api/v1/query it does not prefix `invalid parameter "query": ` (captured from the real server).
 */
export const errorParseRange = JSON.stringify({
  status: 'error',
  errorType: 'bad_data',
  error: '1:11: parse error: unclosed left parenthesis',
});

/** A query that succeeds with partial data because a remote-read endpoint failed. */
export const warningsRemoteRead = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [{ metric: { __name__: 'up', instance: 'localhost:9100', job: 'node' }, value: [1700000060, '1'] }],
  },
  warnings: [
    'error reading from remote storage: Post "http://thanos-store:10901/api/v1/read": dial tcp 10.0.0.7:10901: connect: connection refused',
  ],
});

/** Prometheus refusing a huge range (HTTP 422). */
export const errorTooManySamples = JSON.stringify({
  status: 'error',
  errorType: 'execution',
  error: 'query processing would load too many samples into memory in query execution',
});

/** GET /api/v1/label/job/values */
export const labelValues = JSON.stringify({ status: 'success', data: ['node', 'prometheus'] });

/** nginx in front of a stopped Prometheus. */
export const nginx502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

export const allBodies = [
  matrixNodeCpu,
  vectorNodeFs,
  errorParse,
  errorParseRange,
  warningsRemoteRead,
  errorTooManySamples,
  labelValues,
];
