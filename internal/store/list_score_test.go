package store_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// listAll pages through the score-sorted list, 9 rows at a time, and
// returns its rows in order.
func listAll(t *testing.T, db *store.DB, desc bool) []store.EntityRow {
	t.Helper()
	var out []store.EntityRow
	for off := 0; ; off += 9 {
		page, err := db.ListEntities(context.Background(), store.ListQuery{Sort: "score", Desc: desc, Offset: off, Limit: 9})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Rows...)
		if len(page.Rows) < 9 {
			if len(out) != page.Total {
				t.Fatalf("pages hold %d rows, total %d", len(out), page.Total)
			}
			return out
		}
	}
}

func rowNames(rows []store.EntityRow) string {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
		if r.Score != nil {
			names[i] += fmt.Sprintf("=%v", *r.Score)
		}
	}
	return strings.Join(names, ", ")
}

// TestListScoreOrderTiesAndUnscored sorts by score at a .xx5 boundary
// (3.125 rounds to 3.13 as register.Round2 does), with a tie on the rounded
// score (by name) and unscored entities last in both directions.
func TestListScoreOrderTiesAndUnscored(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	w := register.Weights{"readiness": 50, "technical": 50, "credibility": 0, "pipeline": 0, "investment": 0, "jobs": 0, "intangibles": 0}
	if err := db.SaveWeights(ctx, w, officer); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, n := range []string{"Echo Fictional", "Delta Fictional", "Charlie Fictional", "Bravo Fictional", "Alpha Fictional", "Able Fictional"} {
		ids[n] = addEntity(t, db, n, register.StatusEvaluation, register.ATPCellTherapy)
	}
	evals := map[string][]map[register.Aspect]int{
		// readiness 3, technical mean 3.25: 3.125 -> 3.13
		"Delta Fictional": {{"technical": 3}, {"technical": 3}, {"technical": 3}, {"technical": 4}},
		// readiness mean 3.25, technical 3: 3.125 -> 3.13
		"Alpha Fictional": {{"readiness": 3}, {"readiness": 3}, {"readiness": 3}, {"readiness": 4}},
		// readiness mean 10/3, technical 3: 3.1666... -> 3.17
		"Charlie Fictional": {{"readiness": 3}, {"readiness": 3}, {"readiness": 4}},
		// the other aspects weigh nothing: 2
		"Bravo Fictional": {{"readiness": 2, "technical": 2, "jobs": 5}},
	}
	for name, evs := range evals {
		for i, over := range evs {
			if _, err := db.CreateEvaluation(ctx, eval(ids[name], fmt.Sprintf("Dr %c", 'A'+i), 3, over), officer); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		desc bool
		want string
	}{
		{false, "Bravo Fictional=2, Alpha Fictional=3.13, Delta Fictional=3.13, Charlie Fictional=3.17, Able Fictional, Echo Fictional"},
		{true, "Charlie Fictional=3.17, Alpha Fictional=3.13, Delta Fictional=3.13, Bravo Fictional=2, Able Fictional, Echo Fictional"},
	} {
		if got := rowNames(listAll(t, db, tc.desc)); got != tc.want {
			t.Errorf("desc=%v:\n got %s\nwant %s", tc.desc, got, tc.want)
		}
	}
}

// TestListScoreOrderMatchesGo gives fictional entities random evaluations
// and checks, under several weightings, that the SQL-sorted list carries the
// scores register.Summarise gives (rounded to 2 decimals) and is ordered by
// them as Go orders them: by rounded score, ties by name then id, unscored
// last in either direction.
func TestListScoreOrderMatchesGo(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 36 {
		// Some names repeat, so ties reach the id.
		id := addEntity(t, db, fmt.Sprintf("Fictional Bio %02d", i%30), register.StatusEvaluation, register.ATPCellTherapy)
		for j := range rng.IntN(4) {
			over := map[register.Aspect]int{}
			for _, a := range register.Aspects() {
				over[a] = 1 + rng.IntN(5)
			}
			if _, err := db.CreateEvaluation(ctx, eval(id, fmt.Sprintf("Dr %c", 'A'+j), 3, over), officer); err != nil {
				t.Fatal(err)
			}
		}
	}
	weightings := []register.Weights{
		register.DefaultWeights(),
		{"readiness": 14.29, "technical": 14.29, "credibility": 14.29, "pipeline": 14.28, "investment": 14.28, "jobs": 14.28, "intangibles": 14.29},
		{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10},
		{"readiness": 33.3, "technical": 0, "credibility": 16.7, "pipeline": 12.5, "investment": 12.5, "jobs": 0, "intangibles": 25},
	}
	for _, w := range weightings {
		if err := db.SaveWeights(ctx, w, officer); err != nil {
			t.Fatal(err)
		}
		scores, err := db.EntityScores(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, desc := range []bool{false, true} {
			rows := listAll(t, db, desc)
			want := slices.Clone(rows)
			slices.SortFunc(want, func(a, b store.EntityRow) int {
				sa, aok := scores[a.ID]
				sb, bok := scores[b.ID]
				if aok != bok {
					if aok {
						return -1
					}
					return 1
				}
				if aok {
					c := cmp.Compare(sa.Rounded(), sb.Rounded())
					if desc {
						c = -c
					}
					if c != 0 {
						return c
					}
				}
				return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
			})
			for i, r := range rows {
				sc, ok := scores[r.ID]
				switch {
				case ok != (r.Score != nil):
					t.Errorf("%v desc=%v: %s scored %v, list score %v", w, desc, r.Name, ok, r.Score)
				case ok && *r.Score != sc.Rounded():
					t.Errorf("%v desc=%v: %s list score %v, Go %v", w, desc, r.Name, *r.Score, sc.Rounded())
				}
				if r.ID != want[i].ID {
					t.Fatalf("%v desc=%v: row %d is %s (id %d), want %s (id %d)\n got %s", w, desc, i, r.Name, r.ID, want[i].Name, want[i].ID, rowNames(rows))
				}
			}
		}
	}
}
