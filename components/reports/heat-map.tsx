import { Group } from "@visx/group";
import { HeatmapRect } from "@visx/heatmap";
import { scaleLinear } from "@visx/scale";
import { formatRate } from "@/lib/reports/format-rate";

export interface HeatColumn {
  label: string;
}
export interface HeatRow {
  label: string;
  /** One rate per column; null: no conference counted there. */
  rates: (number | null)[];
  /** Whether the column is required of this unit at all (if not, the cell is left blank). */
  applies: boolean[];
}

const CELL_W = 150;
const CELL_H = 24;
const LABEL_WIDTH = 200;
const HEAD = 46;

/**
 * Units × required conferences, coloured by attendance rate (visx heatmap,
 * SVG from the server). A missing conference is hatched grey, not coloured, and
 * every cell also prints its rate, so the map reads in black and white.
 */
export function HeatMap({
  columns,
  rows,
  title,
  missingLabel,
  keyLabel,
}: {
  columns: HeatColumn[];
  rows: HeatRow[];
  title: string;
  missingLabel: string;
  keyLabel: string;
}) {
  return (
    <>
      <HeatGrid columns={columns} rows={rows} title={title} missingLabel={missingLabel} layout={WIDE} className="chart chart-wide" testId="heat-map" />
      {/* On a phone: numbered columns (named in the list under it) and narrow cells, so the text stays readable; wider than the screen, it scrolls. */}
      <div className="chart-narrow chart-scroll">
        <HeatGrid columns={columns} rows={rows} title={title} missingLabel={missingLabel} layout={NARROW} className="chart" testId="heat-map-narrow" numbered />
      </div>
      <ol className="heat-key chart-narrow" aria-label={keyLabel}>
        {columns.map((c) => (
          <li key={c.label}>{c.label}</li>
        ))}
      </ol>
    </>
  );
}

interface Layout {
  cellW: number;
  cellH: number;
  labelWidth: number;
  head: number;
  /** Longest row label, in characters, before it is cut with "…". */
  rowLabelChars: number;
}
const WIDE: Layout = { cellW: CELL_W, cellH: CELL_H, labelWidth: LABEL_WIDTH, head: HEAD, rowLabelChars: 40 };
const NARROW: Layout = { cellW: 44, cellH: 24, labelWidth: 132, head: 22, rowLabelChars: 21 };
const cut = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

function HeatGrid({
  columns,
  rows,
  title,
  missingLabel,
  layout,
  className,
  testId,
  numbered = false,
}: {
  columns: HeatColumn[];
  rows: HeatRow[];
  title: string;
  missingLabel: string;
  layout: Layout;
  className: string;
  testId: string;
  numbered?: boolean;
}) {
  const { cellW: CELL_W, cellH: CELL_H, labelWidth: LABEL_WIDTH, head: HEAD } = layout;
  const width = LABEL_WIDTH + columns.length * CELL_W + 10;
  const height = HEAD + rows.length * CELL_H + 10;
  // visx heatmaps take columns of bins.
  const data = columns.map((_, c) => ({ bin: c, bins: rows.map((r, i) => ({ bin: i, count: r.rates[c] })) }));
  const colour = scaleLinear<string>({ domain: [0.8, 0.9, 1], range: ["#b91c1c", "#f2c230", "#15803d"], clamp: true });
  return (
    <svg
      className={className}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      data-testid={testId}
      style={numbered ? { minWidth: `${Math.round(width * 0.9)}px` } : undefined}
    >
      <title>{title}</title>
      <defs>
        <pattern id="heat-missing" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#e5e7eb" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#9ca3af" strokeWidth="2" />
        </pattern>
      </defs>
      {columns.map((col, c) => (
        <text key={col.label} x={LABEL_WIDTH + c * CELL_W + CELL_W / 2} y={HEAD - 10} textAnchor="middle" className="chart-label">
          {numbered ? c + 1 : cut(col.label, 24)}
          <title>{col.label}</title>
        </text>
      ))}
      {rows.map((row, i) => (
        <text key={row.label} x={LABEL_WIDTH - 8} y={HEAD + i * CELL_H + CELL_H / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
          {cut(row.label, layout.rowLabelChars)}
          <title>{row.label}</title>
        </text>
      ))}
      <Group left={LABEL_WIDTH} top={HEAD}>
        <HeatmapRect
          data={data}
          xScale={(c) => c * CELL_W}
          yScale={(r) => r * CELL_H}
          binWidth={CELL_W}
          binHeight={CELL_H}
          gap={2}
          bins={(d) => d.bins}
          count={(d) => d.count as unknown as number}
        >
          {(heatmap) =>
            heatmap.map((column) =>
              column.map((cell) => {
                const rate = rows[cell.row]?.rates[cell.column] ?? null;
                if (!rows[cell.row]?.applies[cell.column]) return null;
                return (
                  <g key={`${cell.row}-${cell.column}`}>
                    <rect x={cell.x} y={cell.y} width={cell.width} height={cell.height} fill={rate === null ? `url(#heat-missing-${testId})` : colour(rate)} />
                    <text
                      x={cell.x + cell.width / 2}
                      y={cell.y + cell.height / 2}
                      textAnchor="middle"
                      dominantBaseline="middle"
                      className={rate === null ? "chart-cell" : "chart-cell chart-cell-on"}
                    >
                      {rate === null ? missingLabel : formatRate(rate)}
                    </text>
                  </g>
                );
              }),
            )
          }
        </HeatmapRect>
      </Group>
    </svg>
  );
}
