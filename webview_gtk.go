//go:build linux && cgo && (desktop || dev)

package main

/*
#cgo linux pkg-config: gtk+-3.0
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#include <stdlib.h>
#include <glib.h>
#include <gdk/gdk.h>
#include <webkit2/webkit2.h>

// atpreg_name_webview creates WebKit's default web context and its data
// store while the program is named webview_name (WebKit names its data and
// cache folders after the program; it creates the store when first needed,
// which turning credential storage off forces), then names the program
// back to name, and its class, which the window takes. The context keeps
// no cache of pages (a document viewer's) and no credentials.
static void atpreg_name_webview(const char *webview_name, const char *name, const char *class) {
	g_set_prgname(webview_name);
	WebKitWebContext *ctx = webkit_web_context_get_default();
	webkit_web_context_set_cache_model(ctx, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
	WebKitWebsiteDataManager *data = webkit_web_context_get_website_data_manager(ctx);
	webkit_website_data_manager_set_persistent_credential_storage_enabled(data, FALSE);
	g_set_prgname(name);
	gdk_set_program_class(class);
}
*/
import "C"

import (
	"runtime"
	"unsafe"

	"atpreg/internal/paths"
)

// nameWebview makes WebKitGTK keep its data and cache in folders named
// paths.WebviewName (made private by prepareWebview) instead of ones named
// after the program, "atpreg", which is the default register's folder:
// WebKit's default web context, the one Wails' web view uses, is created
// here, while the program bears that name, and the name is set back to
// "atpreg" (the window's class, which the launcher's StartupWMClass
// matches) before GTK starts. The calling goroutine stays on its thread,
// where Wails then runs GTK, so WebKit and GTK share one main thread.
func nameWebview() {
	runtime.LockOSThread()
	webview := C.CString(paths.WebviewName)
	name := C.CString("atpreg")
	class := C.CString("Atpreg")
	defer C.free(unsafe.Pointer(class))
	defer C.free(unsafe.Pointer(webview))
	defer C.free(unsafe.Pointer(name))
	C.atpreg_name_webview(webview, name, class)
}
