package pdfdoc

import (
	"math"
	"strconv"
)

// Bar is one bar of a horizontal bar chart.
type Bar struct {
	Label     string
	Value     float64 // not negative
	ValueText string  // printed after the bar; empty: the value itself
	Tone      Tone    // colour with a meaning; ToneNeutral by default
}

// BarChart draws labelled horizontal bars scaled to max (for example
// evaluation scores out of 5, or demand counts). max <= 0 scales to the
// largest value. The chart stays on one page when it fits on one.
func (d *Doc) BarChart(title string, bars []Bar, max float64) {
	t := d.text("chart title", title)
	type bar struct {
		label, value string
		v            float64
		tone         Tone
	}
	bs := make([]bar, len(bars))
	top := 0.0
	for i, b := range bars {
		if b.Value < 0 || math.IsNaN(b.Value) || math.IsInf(b.Value, 0) {
			d.fail("bar chart %q: value %v of %q is not a non-negative number", title, b.Value, b.Label)
			return
		}
		vt := b.ValueText
		if vt == "" {
			vt = strconv.FormatFloat(b.Value, 'f', -1, 64)
		}
		bs[i] = bar{d.text("chart label", b.Label), d.text("chart value", vt), b.Value, b.Tone}
		top = math.Max(top, b.Value)
	}
	if max <= 0 {
		max = top
	}
	if max <= 0 {
		max = 1
	}
	d.add(func(r *renderer) {
		const rowH, labelW, valueW, barH = 6.5, 58.0, 18.0, 3.6
		titleH := lineHeight(sizeSmall) + 2
		total := titleH + rowH*float64(len(bs))
		r.gap(2)
		if total <= contentEnd-marginTop {
			r.ensure(total)
		} else {
			r.ensure(titleH + rowH)
		}
		p := r.pdf
		if t != "" {
			r.font(sizeSmall, colAccent)
			r.text(marginLeft, r.y(), contentW, lineHeight(sizeSmall), t, "L")
			p.SetY(r.y() + titleH)
		}
		trackX, trackW := marginLeft+labelW, contentW-labelW-valueW
		for _, b := range bs {
			r.ensure(rowH)
			y := r.y()
			r.font(sizeSmall, colInk)
			r.text(marginLeft, y, labelW-3, rowH, r.fit(b.label, labelW-4), "L")
			setFill(p, colTrack)
			p.Rect(trackX, y+(rowH-barH)/2, trackW, barH, "F")
			if w := trackW * math.Min(b.v/max, 1); w > 0 {
				setFill(p, b.tone.colour())
				p.Rect(trackX, y+(rowH-barH)/2, w, barH, "F")
			}
			r.font(sizeSmall, colInk)
			r.text(trackX+trackW+2, y, valueW-2, rowH, r.fit(b.value, valueW-2), "L")
			p.SetXY(marginLeft, y+rowH)
		}
		p.SetY(r.y() + 3)
	})
}

// Series is one stacked layer of a StackedChart: one value per category.
type Series struct {
	Name   string
	Values []float64 // not negative; one per category
}

// StackedChart draws vertical bars, one per category (for example quarters),
// each stacked from the series in order, with a value axis, the total above
// each bar and a legend. Colours are shades of the accent, then greys.
func (d *Doc) StackedChart(title string, categories []string, series []Series) {
	t := d.text("chart title", title)
	cats := make([]string, len(categories))
	for i, c := range categories {
		cats[i] = d.text("chart category", c)
	}
	names := make([]string, len(series))
	totals := make([]float64, len(categories))
	for i, s := range series {
		if len(s.Values) != len(categories) {
			d.fail("stacked chart %q: series %q has %d values for %d categories", title, s.Name, len(s.Values), len(categories))
			return
		}
		for j, v := range s.Values {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				d.fail("stacked chart %q: value %v in series %q is not a non-negative number", title, v, s.Name)
				return
			}
			totals[j] += v
		}
		names[i] = d.text("chart series", s.Name)
	}
	top := 0.0
	for _, v := range totals {
		top = math.Max(top, v)
	}
	step := niceStep(top, 4)
	axisMax := math.Max(step, math.Ceil(top/step)*step)
	for v := 0.0; v <= axisMax+step/2; v += step {
		d.text("", fmtNum(v))
	}
	for _, v := range totals {
		d.text("", fmtNum(v))
	}
	d.add(func(r *renderer) {
		const plotH, axisW = 60.0, 12.0
		titleH := lineHeight(sizeSmall) + 2
		legendH := 7.0 * float64((len(names)+3)/4)
		r.gap(2)
		r.ensure(titleH + plotH + 8 + legendH)
		p := r.pdf
		if t != "" {
			r.font(sizeSmall, colAccent)
			r.text(marginLeft, r.y(), contentW, lineHeight(sizeSmall), t, "L")
			p.SetY(r.y() + titleH)
		}
		y0 := r.y() + 3 // top of the plot
		base := y0 + plotH
		plotX, plotW := marginLeft+axisW, contentW-axisW
		// Value axis: gridlines and labels.
		r.font(sizeTiny, colMuted)
		p.SetLineWidth(0.15)
		for v := 0.0; v <= axisMax+step/2; v += step {
			y := base - plotH*v/axisMax
			setDraw(p, colRule)
			p.Line(plotX, y, plotX+plotW, y)
			r.text(marginLeft, y-2, axisW-2, 4, fmtNum(v), "R")
		}
		n := len(cats)
		if n > 0 {
			slot := plotW / float64(n)
			barW := math.Min(slot*0.6, 22)
			for j := range cats {
				x := plotX + slot*float64(j) + (slot-barW)/2
				y := base
				for i, s := range series {
					h := plotH * s.Values[j] / axisMax
					if h <= 0 {
						continue
					}
					setFill(p, seriesPalette[i%len(seriesPalette)])
					p.Rect(x, y-h, barW, h, "F")
					y -= h
				}
				r.font(sizeTiny, colInk)
				if totals[j] > 0 {
					r.text(x-4, y-4.5, barW+8, 4, fmtNum(totals[j]), "C")
				}
				r.font(sizeTiny, colMuted)
				r.text(plotX+slot*float64(j), base+1, slot, 4, r.fit(cats[j], slot-1), "C")
			}
		}
		setDraw(p, colMuted)
		p.SetLineWidth(0.25)
		p.Line(plotX, base, plotX+plotW, base)
		// Legend, four to a line.
		ly := base + 8
		colW := contentW / 4
		r.font(sizeSmall, colInk)
		for i, name := range names {
			x := marginLeft + colW*float64(i%4)
			y := ly + 7*float64(i/4)
			setFill(p, seriesPalette[i%len(seriesPalette)])
			p.Rect(x, y+1, 3.5, 3.5, "F")
			r.text(x+5, y, colW-6, 5.5, r.fit(name, colW-7), "L")
		}
		p.SetXY(marginLeft, ly+legendH+2)
	})
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
