import type { Labels } from '../../../shared/api/monitoring-model';

/**
 * A series' selector as Prometheus prints it: `name{a="x", b="y"}`, labels
 * sorted, values escaped as in PromQL. With no name, just the braces part.
 */
export function seriesSelector(labels: Labels): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  if (!rest.length) return name || '{}';
  return `${name}{${rest.join(', ')}}`;
}

const placeholderRe = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/**
 * The legend text of a series. `{{label}}` (spaces allowed, as Grafana
 * allows) becomes the label's value, or nothing when the series lacks it.
 * Without a template — or when it leaves nothing — the selector is used; a
 * series with no labels at all (`sum(x)`) is named by its expression.
 */
export function legendFor(labels: Labels, template: string | undefined, expr: string): string {
  if (template?.trim()) {
    const text = template.replace(placeholderRe, (_, name: string) => labels[name] ?? '').trim();
    if (text) return text;
  }
  return Object.keys(labels).length ? seriesSelector(labels) : expr;
}
