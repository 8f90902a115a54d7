package demand_test

import (
	"fmt"

	"atpreg/internal/register"
)

// part is n fictional products, each set up by set.
type part = struct {
	n   int
	set func(*register.Submission)
}

// products makes one fictional entity per product, each product built by
// one of the given functions, n times over.
func products(groups ...part) []register.Entity {
	var es []register.Entity
	for _, g := range groups {
		for range g.n {
			s := register.Submission{ProductName: fmt.Sprintf("FICT-%d", len(es)+1)}
			g.set(&s)
			es = append(es, register.Entity{ID: int64(len(es) + 1), Name: fmt.Sprintf("Fictional Entity %d", len(es)+1),
				Status: register.StatusReceived, Submissions: []register.Submission{s}})
		}
	}
	return es
}
