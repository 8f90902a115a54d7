# atpreg — the two commands a new user needs are `make run` and `make test`.
# Both install what is missing first (Debian packages, npm packages, Go
# modules and tools), so a fresh Debian 12 machine needs nothing else.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO        ?= go
TOOLS     := $(CURDIR)/.tools/bin
STATICCHECK_VERSION := v0.8.2
VERSION   ?= 0.1.0
LDFLAGS   := -w -s -X atpreg/internal/version.Version=$(VERSION)
BIN       := build/bin/atpreg
DEV_BIN   := build/bin/atpreg-dev
XVFB      := dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24"
# Windows resources (icon, manifest, version information) go into the .exe
# through a .syso file that go-winres writes from build/windows.
GO_WINRES := github.com/tc-hib/go-winres@v0.3.3
# wv2runtime.error: without the WebView2 runtime the app says where to get
# the offline installer instead of trying to download one.
WINDOWS_TAGS := desktop,production,wv2runtime.error
DIST      := build/dist
ICON_SIZES := 16 22 24 32 48 64 96 128 256 512 1024

# Debian packages: build (cgo, GTK, WebKit), real-window and browser tests, PDF checks, the CJK font source,
# Python's email package (the email reader's tests cross-check it), and the readers the fillable forms
# are tested with (qpdf, pypdf, LibreOffice Writer; docs/forms.md); the icons, launcher and metainfo
# checks and the packages (dpkg-deb and dpkg-shlibdeps come with build-essential; docs/windows.md);
# gdb's gcore dumps the window's processes after a lock (e2e TestLockLeavesNoSecretInMemory).
APT_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev xvfb xauth xdotool \
	imagemagick chromium poppler-utils dbus-daemon fonts-wqy-microhei python3 \
	qpdf python3-pypdf libreoffice-writer \
	librsvg2-bin desktop-file-utils appstream lintian nsis zip unzip file gdb
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help
help: ## list the make targets
	@awk 'BEGIN{FS=":.*## "} /^[a-zA-Z_-]+:.*## /{printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# ---------------------------------------------------------------- installing
.PHONY: deps deps-apt deps-npm deps-go
deps: deps-apt deps-npm deps-go ## install what is missing (apt, npm ci, Go modules, staticcheck)

deps-apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "==> installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -q; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

deps-npm: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	@echo "==> npm ci"
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

deps-go: $(TOOLS)/staticcheck
	@$(GO) mod download
$(TOOLS)/staticcheck:
	@echo "==> installing staticcheck $(STATICCHECK_VERSION)"
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# ---------------------------------------------------------------- building
.PHONY: frontend bindings build build-dev build-windows icons
frontend: deps-npm ## build the frontend into frontend/dist
	cd frontend && npm run build

bindings: ## regenerate frontend/wailsjs from the Go facade (no Wails CLI needed)
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	$(GO) run -tags bindings . >/dev/null

build: deps frontend ## build the production binary build/bin/atpreg
	$(GO) build -tags desktop,production,webkit2_41 -trimpath -buildmode=pie \
		-ldflags "$(LDFLAGS) -extldflags '-Wl,-z,relro,-z,now'" -o $(BIN) .

build-dev: deps frontend ## build the dev-tagged binary the browser tests drive
	$(GO) build -tags dev,webkit2_41,atpreg_testhooks -o $(DEV_BIN) .

build-windows: deps frontend ## cross-compile build/bin/atpreg.exe for Windows (amd64), with icon, manifest and version
	@echo "==> Windows resources: icon, manifest, version $(VERSION)"
	$(GO) run ./tools/winres -version $(VERSION) -out build/bin/winres
	$(GO) run $(GO_WINRES) make --in build/bin/winres/winres.json --arch amd64 --out rsrc \
		--product-version $(VERSION) --file-version $(VERSION)
	trap 'rm -f rsrc_windows_amd64.syso' EXIT; \
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -tags $(WINDOWS_TAGS) -trimpath \
		-ldflags "$(LDFLAGS) -H windowsgui" -o build/bin/atpreg.exe .

icons: ## render build/icons/*.png, build/appicon.png and build/windows/icon.ico from build/appicon.svg
	@$(MAKE) --no-print-directory deps-apt
	./build/icons.sh

# ---------------------------------------------------------------- packaging
.PHONY: dist dist-version
dist: dist-version build build-windows ## make dist VERSION=x.y.z: the .deb, the Windows installer and zip, SHA256SUMS in build/dist
	@echo "==> packages of atpreg $(VERSION) in $(DIST)/"
	rm -rf $(DIST) build/bin/portable && mkdir -p $(DIST)
	./build/linux/mkdeb.sh $(VERSION) $(BIN) $(DIST)
	makensis -V2 -WX -DVERSION=$(VERSION) -DEXE=$(CURDIR)/build/bin/atpreg.exe -DICON=$(CURDIR)/build/windows/icon.ico \
		-DNOTICES=$(CURDIR)/THIRD_PARTY -DOUTFILE=$(CURDIR)/$(DIST)/atpreg-$(VERSION)-windows-amd64-setup.exe \
		build/windows/installer/installer.nsi
	@portable=build/bin/portable/atpreg-$(VERSION)-windows-amd64; mkdir -p $$portable; \
	cp build/bin/atpreg.exe $$portable/atpreg.exe; \
	sed 's/$$/\r/' build/windows/portable-README.txt >$$portable/README.txt; \
	sed 's/$$/\r/' THIRD_PARTY/wqy-microhei/LICENSE >$$portable/THIRD_PARTY-wqy-microhei-LICENSE.txt; \
	sed 's/$$/\r/' THIRD_PARTY/wqy-microhei/README.md >$$portable/THIRD_PARTY-wqy-microhei-README.txt; \
	find build/bin/portable -exec touch -d @$$(git log -1 --format=%ct) {} +; \
	(cd build/bin/portable && zip -q -X -r -9 $(CURDIR)/$(DIST)/atpreg-$(VERSION)-windows-amd64-portable.zip atpreg-$(VERSION)-windows-amd64)
	cd $(DIST) && sha256sum atpreg_$(VERSION)_*.deb atpreg-$(VERSION)-windows-amd64-setup.exe atpreg-$(VERSION)-windows-amd64-portable.zip >SHA256SUMS
	@ls -l $(DIST)

dist-version:
	@[[ "$(VERSION)" =~ ^[0-9]{1,5}\.[0-9]{1,5}\.[0-9]{1,5}$$ ]] || { \
		echo "VERSION=$(VERSION) is not a release version: give three numbers, e.g. make dist VERSION=1.2.3"; exit 1; }
	@grep -q '<release version="$(VERSION)"' build/linux/hk.org.hkstp.atpreg.metainfo.xml || \
		echo "note: build/linux/hk.org.hkstp.atpreg.metainfo.xml has no <release version=\"$(VERSION)\">: add one for a real release"

# ---------------------------------------------------------------- running
.PHONY: run
run: build ## build and open the app on the default register
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
		echo ""; \
		echo "atpreg is built ($(BIN)) but there is no display to open its window on."; \
		echo "  - run it under a virtual display:  xvfb-run -a $(BIN)"; \
		echo "  - or use the command line:         $(BIN) --help"; \
		echo "    e.g. $(BIN) demo   then   $(BIN) list"; \
		exit 0; \
	fi
	./$(BIN)

# ---------------------------------------------------------------- checking
.PHONY: test lint lint-assets test-windows test-go test-memory test-fuzz test-frontend test-e2e test-dist bench
test: deps lint lint-assets test-windows test-go test-memory test-fuzz test-frontend test-e2e test-dist ## run every check (what CI runs)
	@echo "make test: all checks passed"

lint: deps-go
	@echo "==> gofmt"
	@out=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	@echo "==> go vet"
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/
	$(GO) vet -tags atpreg_testhooks ./internal/testhooks/
	@echo "==> staticcheck"
	$(TOOLS)/staticcheck ./...

lint-assets: deps-apt ## check the launcher, the AppStream metainfo and the icons
	@echo "==> desktop-file-validate, appstreamcli validate, icons"
	desktop-file-validate build/linux/atpreg.desktop
	appstreamcli validate --no-net --strict build/linux/hk.org.hkstp.atpreg.metainfo.xml
	@for s in $(ICON_SIZES); do f=build/icons/$${s}x$${s}.png; \
		file $$f | grep "PNG image data, $$s x $$s, 8-bit/color RGBA" >/dev/null || { echo "$$f is not a $$s x $$s PNG: run make icons"; exit 1; }; done
	@cmp -s build/appicon.png build/icons/1024x1024.png || { echo "build/appicon.png is not the 1024 px icon: run make icons"; exit 1; }
	@file build/windows/icon.ico | grep "MS Windows icon resource - 7 icons" >/dev/null || { echo "build/windows/icon.ico is not the 7-size icon: run make icons"; exit 1; }
	@if [ "$${CI:-}" = true ]; then \
		./build/icons.sh >/dev/null; \
		git diff --exit-code --stat -- build/icons build/appicon.png build/windows/icon.ico || { echo "the icons are stale: run make icons and commit"; exit 1; }; \
	fi

# The vault, store and file-writing code (fileout, and the service that
# publishes through it) must build, tests included, for
# Windows (docs/windows.md says how their Windows paths behave).
WINDOWS_PKGS := ./internal/vault/ ./internal/store/... ./internal/fileout/ ./internal/service/...
test-windows: deps-go ## go vet and compile the vault, store, fileout and service tests for Windows
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	@echo "==> GOOS=windows: go vet and go test -c (vault, store, fileout, service), go vet of the window"
	GOOS=windows GOARCH=amd64 $(GO) vet $(WINDOWS_PKGS)
	@for p in $$(GOOS=windows $(GO) list $(WINDOWS_PKGS)); do \
		echo "GOOS=windows go test -c $$p"; GOOS=windows GOARCH=amd64 $(GO) test -c -o /dev/null $$p; done
	GOOS=windows GOARCH=amd64 $(GO) vet -tags $(WINDOWS_TAGS) .

test-memory: deps-go ## resident memory with the demo register open, after unlock and passphrase change (<= 150 MB)
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	@echo "==> resident memory (production key derivation)"
	$(GO) test -count=1 -run '^TestResidentMemory$$' -v ./app/

test-go: deps-go
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	@echo "==> go test -race"
	$(GO) test -race -count=1 ./...
	@echo "==> go test: hostile files' peak memory (without -race, whose shadow memory skews it)"
	$(GO) test -count=1 -run 'Hostile' ./internal/interchange/ ./internal/service/ ./internal/mailin/
	@echo "==> power cuts (10,000 simulated; the race run above does 1,000)"
	$(GO) test -count=1 -run '^TestPowerCut$$' ./internal/store/

# Fuzz budgets are counts, not durations: a duration-based -fuzztime can fail
# with "context deadline exceeded" at its end on Go 1.26 (golang/go#75804).
FUZZ_CSV  ?= 100000x
FUZZ_XLSX ?= 10000x
FUZZ_EML  ?= 20000x
FUZZ_MSG  ?= 20000x
FUZZ_RTF  ?= 20000x
FUZZ_FORMS ?= 20000x
test-fuzz: deps-go ## run the import, email and form readers' fuzz tests briefly (counts: FUZZ_CSV, FUZZ_XLSX, FUZZ_EML, FUZZ_MSG, FUZZ_RTF, FUZZ_FORMS)
	@echo "==> fuzz (CSV $(FUZZ_CSV), XLSX $(FUZZ_XLSX), EML $(FUZZ_EML), MSG $(FUZZ_MSG), RTF $(FUZZ_RTF), filled forms $(FUZZ_FORMS) executions)"
	$(GO) test ./internal/interchange/ -run '^$$' -fuzz '^FuzzReadCSV$$' -fuzztime $(FUZZ_CSV) -fuzzminimizetime 5x
	$(GO) test ./internal/interchange/ -run '^$$' -fuzz '^FuzzReadXLSX$$' -fuzztime $(FUZZ_XLSX) -fuzzminimizetime 5x
	$(GO) test ./internal/mailin/ -run '^$$' -fuzz '^FuzzReadEML$$' -fuzztime $(FUZZ_EML) -fuzzminimizetime 5x
	$(GO) test ./internal/mailin/ -run '^$$' -fuzz '^FuzzReadMSG$$' -fuzztime $(FUZZ_MSG) -fuzzminimizetime 5x
	$(GO) test ./internal/outlookmsg/ -run '^$$' -fuzz '^FuzzRTF$$' -fuzztime $(FUZZ_RTF) -fuzzminimizetime 5x
	$(GO) test ./internal/forms/ -run '^$$' -fuzz '^FuzzReadPDF$$' -fuzztime $(FUZZ_FORMS) -fuzzminimizetime 5x
	$(GO) test ./internal/forms/ -run '^$$' -fuzz '^FuzzReadDOCX$$' -fuzztime $(FUZZ_FORMS) -fuzzminimizetime 5x

test-frontend: deps-npm
	@echo "==> svelte-check and vitest"
	cd frontend && npm run check && npm test

test-e2e: build build-dev ## real-browser and real-window tests (under Xvfb)
	@if [ "$${CI:-}" = true ]; then \
		$(MAKE) --no-print-directory bindings; \
		git diff --exit-code --stat -- frontend/wailsjs || { echo "frontend/wailsjs is stale: run make bindings and commit"; exit 1; }; \
	fi
	@echo "==> e2e: headless Chromium against the real backend, and the real window"
	$(GO) test -tags e2e -count=1 -timeout 45m -v ./e2e/

# The packages as an officer gets them: lintian, checksums, the installer's
# type; then the .deb is installed on this machine and the installed atpreg
# is started from PATH, on the command line and as a window under Xvfb.
test-dist: dist ## check the packages and install and start the .deb
	@echo "==> lintian, SHA256SUMS, the Windows installer and zip"
	lintian --fail-on error,warning $(DIST)/atpreg_$(VERSION)_*.deb
	cd $(DIST) && sha256sum -c SHA256SUMS
	file $(DIST)/atpreg-$(VERSION)-windows-amd64-setup.exe | grep "Nullsoft Installer self-extracting archive"
	unzip -l $(DIST)/atpreg-$(VERSION)-windows-amd64-portable.zip | grep "atpreg-$(VERSION)-windows-amd64/atpreg.exe"
	root=$$(mktemp -d); trap 'rm -rf "$$root"' EXIT; dpkg-deb -x $(DIST)/atpreg_$(VERSION)_*.deb "$$root"; \
	appstreamcli validate-tree --no-net --strict "$$root"
	@echo "==> installing $(DIST)/atpreg_$(VERSION)_*.deb and starting the installed atpreg"
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --reinstall ./$(DIST)/atpreg_$(VERSION)_*.deb
	ATPREG_INSTALLED_TEST=1 ATPREG_INSTALLED_VERSION=$(VERSION) $(GO) test -tags e2e -count=1 -v -run '^TestInstalledPackage$$' ./e2e/

bench: deps-go ## run the benchmarks behind the README's figures
	$(GO) test -run '^$$' -bench . -benchmem ./...
