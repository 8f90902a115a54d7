package main

import (
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
	"atpreg/internal/testhooks"
)

// windowTitle is what the window manager shows; tests find the window by it.
const windowTitle = "atpreg — ATP capacity register"

// runDesktop opens the desktop window on the register g names.
func runDesktop(g cli.Global) error {
	opt := testhooks.Options(os.Getenv)
	opt.StateDir = stateDir()
	session := app.NewSession(app.Config{RegisterPath: g.Register, Options: opt, Minute: testhooks.Minute(os.Getenv)})
	return wails.Run(desktopOptions(session, os.Stderr))
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
			WindowIsTranslucent: false,
			WebviewGpuPolicy:    linux.WebviewGpuPolicyNever,
		},
		Windows:            &windows.Options{Theme: windows.SystemDefault},
		Logger:             app.NewWindowLogger(stderr),
		LogLevel:           logger.ERROR,
		LogLevelProduction: logger.ERROR,
	}
}
