/**
 * A small metrics registry with a Prometheus text renderer (exposition format 0.0.4), so host
 * apps get Latch's counters without a metrics library. It enforces what `promtool check metrics`
 * checks: valid names, counters (and only counters) ending in `_total`, help on every family.
 */

/** Label values by label name. */
export type LabelValues<L extends string = string> = Partial<Record<L, string | number>>;

/** One value of a family: its labels and number (histograms: one per bucket, sum and count). */
export interface MetricSample {
  /** The sample's name: the family's, or `<family>_bucket|_sum|_count` for histograms. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A family as {@link MetricsRegistry.snapshot} returns it. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: MetricSample[];
}

/** What a `collect` function returns: one unlabelled value, or values by labels. */
export type Collected<L extends string> = number | ReadonlyArray<{ labels: LabelValues<L>; value: number }>;

interface FamilyOptions<L extends string> {
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*`; counters end in `_total`, others do not. */
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/** Options of {@link MetricsRegistry.counter}. */
export interface CounterOptions<L extends string> extends FamilyOptions<L> {
  /** Reads the current totals at each render, for counts kept elsewhere (then `inc` is not used). */
  collect?: () => Collected<L> | Promise<Collected<L>>;
}

/** Options of {@link MetricsRegistry.gauge}. */
export interface GaugeOptions<L extends string> extends FamilyOptions<L> {
  /** Reads the current values at each render (a queue's backlog, a pool's size). */
  collect?: () => Collected<L> | Promise<Collected<L>>;
}

/** Options of {@link MetricsRegistry.histogram}. */
export interface HistogramOptions<L extends string> extends FamilyOptions<L> {
  /** Upper bounds, ascending; `+Inf` is added. */
  buckets: readonly number[];
}

/** A count that only goes up. */
export interface Counter<L extends string = string> {
  inc(labels?: LabelValues<L>, by?: number): void;
}

/** A value that goes up and down. */
export interface Gauge<L extends string = string> {
  set(labels: LabelValues<L>, value: number): void;
  inc(labels?: LabelValues<L>, by?: number): void;
  dec(labels?: LabelValues<L>, by?: number): void;
}

/** Observations counted into buckets (latencies, sizes). */
export interface Histogram<L extends string = string> {
  observe(labels: LabelValues<L>, value: number): void;
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatNumber = (value: number) => (value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : Number.isNaN(value) ? 'NaN' : String(value));

interface Series {
  labels: Record<string, string>;
  value: number;
}

interface Family {
  name: string;
  help: string;
  type: MetricFamily['type'];
  samples(): Promise<MetricSample[]>;
}

/** The `{a="x",b="y"}` key and the clean label map of `values`, checked against the declared names. */
function labelsOf(family: string, declared: readonly string[], values: LabelValues = {}): { key: string; labels: Record<string, string> } {
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!declared.includes(name)) throw new TypeError(`metric ${family}: unknown label "${name}" (declared: ${declared.join(', ') || 'none'})`);
    labels[name] = String(value);
  }
  const key = declared.filter((name) => name in labels).map((name) => `${name}=${JSON.stringify(labels[name])}`).join(',');
  return { key, labels };
}

/**
 * Latch's metrics: make families with {@link counter}, {@link gauge} and {@link histogram}, read
 * them with {@link render} (Prometheus text) or {@link snapshot} (plain objects).
 * @example
 * const deliveries = registry.counter({ name: 'app_deliveries_total', help: 'Deliveries by outcome', labelNames: ['outcome'] });
 * deliveries.inc({ outcome: 'ok' });
 * res.setHeader('content-type', registry.contentType); res.end(await registry.render());
 */
export class MetricsRegistry {
  /** The `Content-Type` of {@link render}'s text. */
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
  private readonly families = new Map<string, Family>();

  private add(family: Family, labelNames: readonly string[]): void {
    if (!metricName.test(family.name)) throw new TypeError(`metric name "${family.name}" is not [a-zA-Z_:][a-zA-Z0-9_:]*`);
    if (!family.help.trim()) throw new TypeError(`metric ${family.name}: help text is required`);
    const isTotal = family.name.endsWith('_total');
    if (family.type === 'counter' && !isTotal) throw new TypeError(`counter ${family.name}: counter names end in _total`);
    if (family.type !== 'counter' && isTotal) throw new TypeError(`${family.type} ${family.name}: only counters end in _total`);
    if (family.type === 'histogram' && /_(bucket|sum|count)$/.test(family.name)) throw new TypeError(`histogram ${family.name}: the _bucket, _sum and _count suffixes are added`);
    for (const name of labelNames) {
      if (!labelName.test(name) || name.startsWith('__')) throw new TypeError(`metric ${family.name}: bad label name "${name}"`);
      if (family.type === 'histogram' && name === 'le') throw new TypeError(`histogram ${family.name}: "le" is reserved`);
    }
    if (this.families.has(family.name)) throw new TypeError(`metric ${family.name} is registered twice`);
    this.families.set(family.name, family);
  }

  private valued<L extends string>(type: 'counter' | 'gauge', options: CounterOptions<L> | GaugeOptions<L>) {
    const declared: readonly string[] = options.labelNames ?? [];
    const series = new Map<string, Series>();
    const change = (values: LabelValues | undefined, apply: (current: number) => number) => {
      const { key, labels } = labelsOf(options.name, declared, values);
      const entry = series.get(key) ?? { labels, value: 0 };
      entry.value = apply(entry.value);
      series.set(key, entry);
    };
    const collect = options.collect;
    this.add({
      name: options.name, help: options.help, type,
      async samples() {
        if (collect) {
          const collected = await collect();
          const entries = typeof collected === 'number' ? [{ labels: {}, value: collected }] : collected;
          return entries.map((entry) => ({ name: options.name, labels: labelsOf(options.name, declared, entry.labels).labels, value: entry.value }));
        }
        // A family without labels shows 0 before its first change, so rates start from a value.
        const values = series.size === 0 && declared.length === 0 ? [{ labels: {}, value: 0 }] : [...series.values()];
        return values.map((entry) => ({ name: options.name, labels: entry.labels, value: entry.value }));
      },
    }, declared);
    return change;
  }

  /** A new counter (name ends in `_total`). */
  counter<L extends string = never>(options: CounterOptions<L>): Counter<L> {
    const change = this.valued('counter', options);
    return {
      inc(labels, by = 1) {
        if (!(by >= 0)) throw new RangeError(`counter ${options.name}: cannot go down (inc by ${by})`);
        change(labels, (current) => current + by);
      },
    };
  }

  /** A new gauge (name does not end in `_total`). */
  gauge<L extends string = never>(options: GaugeOptions<L>): Gauge<L> {
    const change = this.valued('gauge', options);
    return {
      set: (labels, value) => change(labels, () => value),
      inc: (labels, by = 1) => change(labels, (current) => current + by),
      dec: (labels, by = 1) => change(labels, (current) => current - by),
    };
  }

  /** A new histogram over `buckets`. */
  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
    const declared: readonly string[] = options.labelNames ?? [];
    const bounds = [...options.buckets];
    if (bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]!))) throw new TypeError(`histogram ${options.name}: buckets must be finite and ascending`);
    const series = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number; count: number }>();
    this.add({
      name: options.name, help: options.help, type: 'histogram',
      async samples() {
        const out: MetricSample[] = [];
        for (const entry of series.values()) {
          let cumulative = 0;
          bounds.forEach((bound, i) => {
            cumulative += entry.counts[i]!;
            out.push({ name: `${options.name}_bucket`, labels: { ...entry.labels, le: formatNumber(bound) }, value: cumulative });
          });
          out.push({ name: `${options.name}_bucket`, labels: { ...entry.labels, le: '+Inf' }, value: entry.count });
          out.push({ name: `${options.name}_sum`, labels: entry.labels, value: entry.sum });
          out.push({ name: `${options.name}_count`, labels: entry.labels, value: entry.count });
        }
        return out;
      },
    }, declared);
    return {
      observe(labels, value) {
        const { key, labels: clean } = labelsOf(options.name, declared, labels);
        let entry = series.get(key);
        if (!entry) series.set(key, (entry = { labels: clean, counts: bounds.map(() => 0), sum: 0, count: 0 }));
        const index = bounds.findIndex((bound) => value <= bound);
        if (index >= 0) entry.counts[index]!++;
        entry.sum += value;
        entry.count++;
      },
    };
  }

  /** Every family with its current samples, in registration order. */
  async snapshot(): Promise<MetricFamily[]> {
    const out: MetricFamily[] = [];
    for (const family of this.families.values()) out.push({ name: family.name, help: family.help, type: family.type, samples: await family.samples() });
    return out;
  }

  /** The Prometheus text exposition (format 0.0.4) of every family. */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const family of await this.snapshot()) {
      lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
      for (const sample of family.samples) {
        const labels = Object.entries(sample.labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(',');
        lines.push(`${sample.name}${labels ? `{${labels}}` : ''} ${formatNumber(sample.value)}`);
      }
    }
    return lines.length ? lines.join('\n') + '\n' : '';
  }
}
