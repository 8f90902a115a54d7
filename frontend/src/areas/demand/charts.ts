// Chart.js set-up for the demand dashboard: only the parts used (bars,
// category and linear scales, tooltips), colours read from the design
// tokens, and a small plugin that prints each bar's count at its end.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
  type Plugin,
} from 'chart.js';
import { mix } from './model';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };

/** Colours of the charts, from the design tokens (light or dark theme). */
export interface Theme {
  text: string;
  muted: string;
  faint: string;
  grid: string;
  entities: string;
  products: string;
  series: string[];
  font: string;
}

export function readTheme(): Theme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  // Through mix(), so every colour is #rrggbb and takes an alpha suffix.
  const accent = mix(v('--accent', '#2f5d8a'), '#000000', 0);
  const raised = v('--bg-raised', '#ffffff');
  const text = v('--text', '#1c2330');
  return {
    text,
    muted: v('--text-muted', '#5d6676'),
    faint: v('--text-faint', '#8a93a3'),
    grid: v('--border', '#dfe2e7'),
    products: accent,
    entities: mix(accent, raised, 0.55),
    // ATP types: cell, gene, tissue, not stated.
    series: [accent, mix(accent, raised, 0.5), mix(accent, text, 0.55), mix(v('--text-faint', '#8a93a3'), '#000000', 0)],
    font: v('--font-sans', 'system-ui, sans-serif'),
  };
}

/**
 * valueLabels prints the value of every visible bar: after the end of a
 * horizontal bar, above a vertical stack (its total, from the last dataset).
 */
export function valueLabels(theme: Theme): Plugin<'bar'> {
  return {
    id: 'valueLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const horizontal = chart.options.indexAxis === 'y';
      ctx.save();
      ctx.font = `11px ${theme.font}`;
      ctx.fillStyle = theme.muted;
      if (horizontal) {
        ctx.textBaseline = 'middle';
        ctx.textAlign = 'left';
        chart.data.datasets.forEach((ds, i) => {
          const meta = chart.getDatasetMeta(i);
          if (meta.hidden) return;
          meta.data.forEach((el, j) => {
            const v = ds.data[j] as number;
            const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
            ctx.fillText(String(v), x + 4, y);
          });
        });
      } else {
        ctx.textBaseline = 'bottom';
        ctx.textAlign = 'center';
        const n = chart.data.labels?.length ?? 0;
        for (let j = 0; j < n; j++) {
          let total = 0;
          let top = Infinity;
          let x = 0;
          chart.data.datasets.forEach((ds, i) => {
            const meta = chart.getDatasetMeta(i);
            if (meta.hidden) return;
            total += (ds.data[j] as number) || 0;
            const el = meta.data[j];
            if (!el) return;
            const p = el.getProps(['x', 'y'], true) as { x: number; y: number };
            x = p.x;
            top = Math.min(top, p.y);
          });
          if (total > 0 && top !== Infinity) ctx.fillText(String(total), x, top - 2);
        }
      }
      ctx.restore();
    },
  };
}

/**
 * makeBarChart draws a bar chart of the dashboard on canvas: sized by its
 * box, without animation, each bar's count printed at its end, a pointer
 * over bars, and a click on a bar passed to onpick with its dataset and
 * index. Tests reach the chart through its canvas (`canvas.chart`) to click
 * a real bar.
 */
export function makeBarChart(
  canvas: HTMLCanvasElement,
  theme: Theme,
  datasets: ChartDataset<'bar'>[],
  options: ChartOptions<'bar'>,
  onpick: (dataset: number, index: number) => void,
): Chart<'bar'> {
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      ...options,
      onClick: (_e, els) => {
        const el = els[0];
        if (el) onpick(el.datasetIndex, el.index);
      },
      onHover: (e, els) => {
        const t = e.native?.target as HTMLElement | undefined;
        if (t) t.style.cursor = els.length ? 'pointer' : 'default';
      },
    },
    plugins: [valueLabels(theme)],
  });
  (canvas as HTMLCanvasElement & { chart?: Chart<'bar'> }).chart = chart;
  return chart;
}

/** A keydown handler that runs pick on Enter or Space (table rows as buttons). */
export function onKeyPick(pick: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick();
    }
  };
}
