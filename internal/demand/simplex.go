package demand

import (
	"errors"
	"math"
)

// The audit's linear programs are small (tens of variables) and many, so
// they are solved with this dense two-phase tableau simplex with Bland's
// rule, which cannot cycle. The tests check it against gonum's
// optimize/convex/lp simplex, and attack the written JSON with gonum alone.

// errNoSolution is returned when a program has no feasible point or the
// simplex does not finish.
var errNoSolution = errors.New("demand: linear program has no solution")

// tableau is a program in standard form, A x = b with x ≥ 0 and b ≥ 0, with
// a first basis of unit columns; columns from art on are artificial.
type tableau struct {
	t     [][]float64 // m rows of A | b
	basis []int
	art   int
	cols  int
}

// newTableau copies A and b into a tableau with the basis given.
func newTableau(A [][]float64, b []float64, basis []int, art int) *tableau {
	m := len(A)
	cols := 0
	if m > 0 {
		cols = len(A[0])
	}
	tb := &tableau{t: make([][]float64, m), basis: append([]int(nil), basis...), art: art, cols: cols}
	for i := range A {
		row := make([]float64, cols+1)
		copy(row, A[i])
		row[cols] = b[i]
		tb.t[i] = row
	}
	return tb
}

func (tb *tableau) clone() *tableau {
	c := &tableau{t: make([][]float64, len(tb.t)), basis: append([]int(nil), tb.basis...), art: tb.art, cols: tb.cols}
	for i, row := range tb.t {
		c.t[i] = append([]float64(nil), row...)
	}
	return c
}

// pivot makes column c basic in row r (every row of t, with the reduced
// costs when run has added them, is updated).
func (tb *tableau) pivot(r, c int) {
	pr := tb.t[r]
	p := pr[c]
	for j := range pr {
		pr[j] /= p
	}
	pr[c] = 1
	for i, row := range tb.t {
		if i == r {
			continue
		}
		f := row[c]
		if f == 0 {
			continue
		}
		for j, x := range pr {
			if x != 0 {
				row[j] -= f * x
			}
		}
		row[c] = 0
	}
	if r < len(tb.basis) {
		tb.basis[r] = c
	}
}

// run minimises cost·x from the current basis (columns from limit on never
// enter) and returns the optimum. It keeps the reduced costs as a row of
// the tableau, updated at each pivot.
func (tb *tableau) run(cost []float64, limit int) (float64, error) {
	rhs := tb.cols
	d := make([]float64, tb.cols+1)
	copy(d, cost)
	for i, row := range tb.t {
		if cb := cost[tb.basis[i]]; cb != 0 {
			for j, x := range row {
				d[j] -= cb * x
			}
		}
	}
	tb.t = append(tb.t, d)
	defer func() { tb.t = tb.t[:len(tb.t)-1] }()
	m := len(tb.t) - 1
	for iter := 0; iter < 50*(m+tb.cols)+100; iter++ {
		// Entering: the first column with a negative reduced cost (Bland).
		enter := -1
		for j := 0; j < limit; j++ {
			if d[j] < -lpTol {
				enter = j
				break
			}
		}
		if enter < 0 {
			return -d[rhs], nil
		}
		// Leaving: the tightest row, ties to the smallest basic column.
		leave := -1
		best := math.Inf(1)
		for i, row := range tb.t[:m] {
			if row[enter] > lpTol {
				q := row[rhs] / row[enter]
				if q < best-lpTol || q < best+lpTol && tb.basis[i] < tb.basis[leave] {
					best, leave = q, i
				}
			}
		}
		if leave < 0 {
			return math.Inf(-1), errNoSolution // unbounded
		}
		tb.pivot(leave, enter)
	}
	return 0, errNoSolution
}

// errPinnedLow is returned by minMax when the least value exceeds its stop.
var errPinnedLow = errors.New("demand: least value above the stop")

// minMax returns the least and the greatest value of x[v] over A x = b,
// x ≥ 0, starting from the unit basis given (artificial columns from art).
// When the least value is above stop it returns errPinnedLow without the
// greatest.
func minMax(A [][]float64, b []float64, basis []int, art, v int, stop float64) (lo, hi float64, err error) {
	tb := newTableau(A, b, basis, art)
	cost := make([]float64, tb.cols)
	if art < tb.cols {
		for j := art; j < tb.cols; j++ {
			cost[j] = 1
		}
		z, err := tb.run(cost, tb.cols)
		if err != nil || z > lpTol {
			return 0, 0, errNoSolution
		}
		// Drive the artificials left in the basis (at zero) out of it.
		for i, bc := range tb.basis {
			if bc < art {
				continue
			}
			for j := 0; j < art; j++ {
				if math.Abs(tb.t[i][j]) > lpTol {
					tb.pivot(i, j)
					break
				}
			}
		}
	}
	for j := range cost {
		cost[j] = 0
	}
	cost[v] = 1
	up := tb.clone()
	lo, err = tb.run(cost, art)
	if err != nil {
		return 0, 0, err
	}
	if lo > stop {
		return lo, 0, errPinnedLow
	}
	cost[v] = -1
	hi, err = up.run(cost, art)
	if err != nil {
		return 0, 0, err
	}
	return lo, -hi, nil
}
