//go:build !(linux && cgo && (desktop || dev))

package main

// nameWebview does nothing where the window is not WebKitGTK's (Windows'
// WebView2 is given its folder in the options) or there is no window.
func nameWebview() {}
