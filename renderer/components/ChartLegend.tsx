import type { LegendPayload } from 'recharts';

// The legend of every chart. recharts' own legend names each icon «… legend icon» for screen readers, in English; here
// the colour mark is hidden from them and the series' name beside it is what they read. The item classes are recharts'
// own, so the order (Legend's itemSorter) and the texts read the same.

export function ChartLegend(props: { payload?: readonly LegendPayload[] }) {
  return (
    <ul className="recharts-default-legend" style={{ listStyle: 'none', margin: 0, padding: 0, textAlign: 'center' }}>
      {(props.payload ?? []).map((e, i) => (
        <li
          key={`${String(e.dataKey ?? e.value)}-${i}`}
          className="recharts-legend-item"
          style={{ display: 'inline-block', marginRight: 12 }}
        >
          <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, marginRight: 6, background: e.color }} />
          <span className="recharts-legend-item-text" style={{ color: e.color }}>
            {e.value}
          </span>
        </li>
      ))}
    </ul>
  );
}
