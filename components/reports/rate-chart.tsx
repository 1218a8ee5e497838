import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { formatRate } from "@/lib/reports/format-rate";

export interface RateBar {
  label: string;
  rate: number | null;
}

const WIDTH = 760;
const LABEL_WIDTH = 210;
const ROW = 22;
const TARGET = 0.95;

/**
 * Attendance rate by unit, as horizontal bars (visx scales and shapes, drawn
 * on the server as SVG: no script, sharp in print). The dashed line is 95%.
 */
export function RateChart({ bars, title, targetLabel }: { bars: RateBar[]; title: string; targetLabel: string }) {
  return (
    <>
      <WideRateChart bars={bars} title={title} targetLabel={targetLabel} />
      <NarrowRateChart bars={bars} title={title} targetLabel={targetLabel} />
    </>
  );
}

const NARROW_WIDTH = 340;
const NARROW_ROW = 34;

/**
 * The same bars for a phone (CSS shows one or the other): each unit's name on its own line above
 * its bar, drawn about as wide as the screen, so the text stays near its real size (the wide
 * chart scaled to a phone made it about 5 px).
 */
function NarrowRateChart({ bars, title, targetLabel }: { bars: RateBar[]; title: string; targetLabel: string }) {
  const height = Math.max(1, bars.length) * NARROW_ROW + 24;
  const x = scaleLinear<number>({ domain: [0, 1], range: [0, NARROW_WIDTH - 56] });
  return (
    <svg className="chart chart-narrow" viewBox={`0 0 ${NARROW_WIDTH} ${height}`} role="img" aria-label={title} data-testid="rate-chart-narrow">
      <title>{title}</title>
      <Group left={2} top={18}>
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={-4} y2={bars.length * NARROW_ROW} className="chart-grid" />
            <text x={x(tick)} y={-6} textAnchor={tick === 0 ? "start" : "middle"} className="chart-tick">
              {tick * 100}%
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const top = i * NARROW_ROW;
          const width = b.rate === null ? 0 : x(b.rate);
          return (
            <g key={b.label}>
              <text x={0} y={top + 12} className="chart-label">
                {b.label}
              </text>
              <Bar x={0} y={top + 17} width={width} height={11} className={b.rate !== null && b.rate < TARGET ? "chart-bar chart-bar-low" : "chart-bar"} />
              <text x={width + 5} y={top + 23} dominantBaseline="middle" className="chart-value">
                {formatRate(b.rate)}
              </text>
            </g>
          );
        })}
        <line x1={x(TARGET)} x2={x(TARGET)} y1={-4} y2={bars.length * NARROW_ROW} className="chart-target">
          <title>{targetLabel}</title>
        </line>
      </Group>
    </svg>
  );
}

function WideRateChart({ bars, title, targetLabel }: { bars: RateBar[]; title: string; targetLabel: string }) {
  const height = Math.max(1, bars.length) * ROW + 30;
  const x = scaleLinear<number>({ domain: [0, 1], range: [0, WIDTH - LABEL_WIDTH - 60] });
  const y = scaleBand<string>({ domain: bars.map((b) => b.label), range: [0, bars.length * ROW], padding: 0.2 });
  return (
    <svg className="chart chart-wide" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} data-testid="rate-chart">
      <title>{title}</title>
      <Group left={LABEL_WIDTH} top={20}>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={-6} y2={bars.length * ROW} className="chart-grid" />
            <text x={x(tick)} y={-8} textAnchor="middle" className="chart-tick">
              {tick * 100}%
            </text>
          </g>
        ))}
        {bars.map((b) => {
          const top = y(b.label) ?? 0;
          const width = b.rate === null ? 0 : x(b.rate);
          return (
            <g key={b.label}>
              <text x={-8} y={top + y.bandwidth() / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
                {b.label}
              </text>
              <Bar
                x={0}
                y={top}
                width={width}
                height={y.bandwidth()}
                className={b.rate !== null && b.rate < TARGET ? "chart-bar chart-bar-low" : "chart-bar"}
              />
              <text x={width + 6} y={top + y.bandwidth() / 2} dominantBaseline="middle" className="chart-value">
                {formatRate(b.rate)}
              </text>
            </g>
          );
        })}
        <line x1={x(TARGET)} x2={x(TARGET)} y1={-6} y2={bars.length * ROW} className="chart-target">
          <title>{targetLabel}</title>
        </line>
      </Group>
    </svg>
  );
}
