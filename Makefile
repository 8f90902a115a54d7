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

# Debian packages: build (cgo, GTK, WebKit), real-window and browser tests, PDF checks, the CJK font source,
# Python's email package (the email reader's tests cross-check it), and the readers the fillable forms
# are tested with (qpdf, pypdf, LibreOffice Writer; docs/forms.md).
APT_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev xvfb xauth xdotool \
	imagemagick chromium poppler-utils dbus-daemon fonts-wqy-microhei python3 \
	qpdf python3-pypdf libreoffice-writer
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
.PHONY: frontend bindings build build-dev build-windows
frontend: deps-npm ## build the frontend into frontend/dist
	cd frontend && npm run build

bindings: ## regenerate frontend/wailsjs from the Go facade (no Wails CLI needed)
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	$(GO) run -tags bindings . >/dev/null

build: deps frontend ## build the production binary build/bin/atpreg
	$(GO) build -tags desktop,production,webkit2_41 -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

build-dev: deps frontend ## build the dev-tagged binary the browser tests drive
	$(GO) build -tags dev,webkit2_41,atpreg_testhooks -o $(DEV_BIN) .

build-windows: deps frontend ## cross-compile build/bin/atpreg.exe for Windows (amd64)
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -tags desktop,production -trimpath \
		-ldflags "$(LDFLAGS) -H windowsgui" -o build/bin/atpreg.exe .

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
.PHONY: test lint test-go test-fuzz test-frontend test-e2e bench
test: deps lint test-go test-fuzz test-frontend test-e2e ## run every check (what CI runs)
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

test-go: deps-go
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	@echo "==> go test -race"
	$(GO) test -race -count=1 ./...
	@echo "==> go test: hostile files' peak memory (without -race, whose shadow memory skews it)"
	$(GO) test -count=1 -run 'Hostile' ./internal/interchange/ ./internal/service/ ./internal/mailin/

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
	$(GO) test -tags e2e -count=1 -timeout 20m -v ./e2e/

bench: deps-go ## run the benchmarks behind the README's figures
	$(GO) test -run '^$$' -bench . -benchmem ./...
