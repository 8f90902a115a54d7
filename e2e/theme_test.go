//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestThemeFollowsSystem: the window's colours come from design tokens that
// follow the system's light or dark preference.
func TestThemeFollowsSystem(t *testing.T) {
	p := NewUnlockedPage(t, true)
	background := func(scheme string) string {
		p.Do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}))
		// The window follows the system's change at its next frame.
		p.WaitJS(fmt.Sprintf(`document.documentElement.dataset.theme === %q`, scheme), defaultWait)
		return Eval[string](p, `getComputedStyle(document.body).backgroundColor`)
	}
	light := background("light")
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(`table.grid`)
	p.Screenshot("theme-light")
	dark := background("dark")
	p.Screenshot("theme-dark")
	if light == dark {
		t.Fatalf("the background is %s in both light and dark", light)
	}
	if !strings.HasPrefix(dark, "rgb(") || luminance(dark) > 60 {
		t.Fatalf("the dark theme's background %s is not dark", dark)
	}
	if luminance(light) < 200 {
		t.Fatalf("the light theme's background %s is not light", light)
	}
}

// luminance returns the mean of the channels of a CSS rgb() colour.
func luminance(css string) int {
	var r, g, b int
	inner := strings.TrimSuffix(strings.TrimPrefix(css, "rgb("), ")")
	parts := strings.Split(inner, ",")
	if len(parts) != 3 {
		return -1
	}
	for i, dst := range []*int{&r, &g, &b} {
		for _, c := range strings.TrimSpace(parts[i]) {
			*dst = *dst*10 + int(c-'0')
		}
	}
	return (r + g + b) / 3
}
