package main

import (
	_ "embed"
	"io"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/app"
	"atpreg/internal/cli"
	"atpreg/internal/paths"
	"atpreg/internal/recent"
	"atpreg/internal/testhooks"
)

// windowTitle is what the window manager shows; tests find the window by it.
const windowTitle = "atpreg — ATP capacity register"

// windowIcon is the window's icon on Linux (the launcher and the taskbar use
// the installed hicolor icons; this is for window managers that read the
// window's own). build/appicon.svg is its source.
//
//go:embed build/icons/256x256.png
var windowIcon []byte

// webview2Missing is what the officer reads when Windows has no WebView2
// runtime (or one older than Wails needs). The Windows build uses Wails'
// "error" strategy (tag wv2runtime.error): atpreg works offline and never
// downloads an installer itself.
const webview2Missing = "atpreg needs the Microsoft Edge WebView2 Runtime, which is missing on this computer (or older than version 94).\n\n" +
	"atpreg works offline and does not download it. On a computer with internet access, download the " +
	"\"Evergreen Standalone Installer\" (x64) from https://developer.microsoft.com/microsoft-edge/webview2/ , " +
	"copy it to this computer (for example on a USB stick), run it, then start atpreg again. " +
	"Your IT support can also install it for you."

// windowsMessages are Wails' default Windows messages, with the offline
// WebView2 advice.
func windowsMessages() *windows.Messages {
	m := windows.DefaultMessages()
	m.ContactAdmin = webview2Missing
	m.Error = "atpreg cannot start"
	return m
}

// runDesktop opens the desktop window on the register g names.
func runDesktop(g cli.Global) error {
	locked := takeLockedStart()
	endOldChildren(locked.children)
	waitForParent(locked.parent)
	privateFiles()
	web := prepareWebview(os.Getenv)
	nameWebview()
	opt := testhooks.Options(os.Getenv)
	opt.StateDir = stateDir()
	list := recentList()
	cfg := app.Config{RegisterPath: startRegister(g, list), Options: opt,
		Minute: testhooks.Minute(os.Getenv), RecentFile: list.File,
		LockReason: locked.reason, LockedAt: locked.at}
	if relaunchOnLock {
		cfg.Restart = relaunch
	}
	session := app.NewSession(cfg)
	opts := desktopOptions(session, os.Stderr)
	opts.Windows.WebviewUserDataPath = web.userDataPath
	return wails.Run(opts)
}

// recentList is the window's list of recent registers (none when the user
// has no config folder).
func recentList() recent.List {
	f, err := paths.RecentFile()
	if err != nil {
		return recent.List{}
	}
	return recent.List{File: f}
}

// startRegister is the register the window starts on: the one named (with
// --register or as the launcher's file), else the most recently used one
// that is still there, else the default register.
func startRegister(g cli.Global, list recent.List) string {
	if g.RegisterGiven {
		return g.Register
	}
	entries, _ := list.Load()
	for _, e := range entries {
		if fi, err := os.Stat(e.Path); err == nil && fi.Mode().IsRegular() {
			return e.Path
		}
	}
	return g.Register
}

// desktopOptions are the window's Wails options. Wails logs through
// app.WindowLogger, which never writes a message's text: Wails' messages can
// quote the arguments the frontend sent (register content, the passphrase).
func desktopOptions(session *app.Session, stderr io.Writer) *options.App {
	return &options.App{
		Title:            windowTitle,
		Width:            1280,
		Height:           820,
		MinWidth:         980,
		MinHeight:        620,
		BackgroundColour: &options.RGBA{R: 246, G: 247, B: 249, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets},
		// Functions, not methods of a bound struct: the page cannot call them.
		OnStartup:  app.OnStartup(session),
		OnShutdown: app.OnShutdown(session),
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "hk.org.hkstp.atpreg",
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				appCtx := app.WindowContext(session)
				if appCtx == nil {
					return
				}
				runtime.WindowUnminimise(appCtx)
				runtime.Show(appCtx)
			},
		},
		Bind: app.Bindings(session),
		Linux: &linux.Options{
			ProgramName:         "atpreg",
			Icon:                windowIcon,
			WindowIsTranslucent: false,
			WebviewGpuPolicy:    linux.WebviewGpuPolicyNever,
		},
		Windows:            &windows.Options{Theme: windows.SystemDefault, Messages: windowsMessages()},
		Logger:             app.NewWindowLogger(stderr),
		LogLevel:           logger.ERROR,
		LogLevelProduction: logger.ERROR,
	}
}
