; atpreg's Windows installer (NSIS 3; `make dist` runs Debian's makensis):
;   makensis -DVERSION=x.y.z -DEXE=atpreg.exe -DICON=icon.ico -DNOTICES=THIRD_PARTY
;            -DOUTFILE=atpreg-x.y.z-windows-amd64-setup.exe installer.nsi
; Per user, without administrator rights: %LOCALAPPDATA%\Programs\atpreg, a
; Start-menu entry, an uninstaller listed in Settings > Apps (HKCU). It
; downloads nothing: when the WebView2 runtime is missing it says where the
; offline installer is. The officer's register (%APPDATA%\atpreg) is never
; touched, not even by the uninstaller.

Unicode true
ManifestDPIAware true
ManifestSupportedOS Win10
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION | EXE | ICON | NOTICES | OUTFILE
  !error "define VERSION, EXE, ICON, NOTICES and OUTFILE (see the comment at the top)"
!endif

!define APP "atpreg"
!define PUBLISHER "HKSTP"
!define DESCRIPTION "Confidential register of the HKSTP Advanced Therapy Products RFI"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define APP_KEY "Software\HKSTP\${APP}"
; The WebView2 Runtime's client id (Microsoft: "Detect if a WebView2 Runtime
; is already installed", learn.microsoft.com/microsoft-edge/webview2/concepts/distribution).
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"

Name "${APP}"
Caption "${APP} ${VERSION} setup"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP} ${VERSION} - ${PUBLISHER}"
ShowInstDetails show
ShowUninstDetails show

Var WebView2Version
Var FinishText

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP} ${VERSION}, the confidential register of the HKSTP Advanced Therapy Products RFI, for you alone: no administrator rights are needed.$\r$\n$\r$\nYour register is not part of the installation: installing, updating or uninstalling ${APP} never changes it."
!define MUI_FINISHPAGE_TEXT "$FinishText"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP} now"
!define MUI_FINISHPAGE_RUN_NOTCHECKED
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Hong Kong Science and Technology Parks Corporation"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"

!define WEBVIEW2_MISSING "${APP} needs the Microsoft Edge WebView2 Runtime, which is not installed on this computer. ${APP} will be installed, but its window cannot open until the runtime is there. This installer does not download anything.$\r$\n$\r$\nTo install the runtime on a laptop without internet access:$\r$\n1. On a computer with internet access, open https://developer.microsoft.com/microsoft-edge/webview2/ and download the Evergreen Standalone Installer, x64 (MicrosoftEdgeWebView2RuntimeInstallerX64.exe).$\r$\n2. Copy it to this laptop (for example on a USB stick) and run it: it needs no internet access.$\r$\n3. Start ${APP} from the Start menu.$\r$\n$\r$\nYour IT support can also install it for you."

; ReadWebView2 KEY: sets $WebView2Version from the pv value under KEY in
; HKLM (per-machine runtime) or HKCU (per-user runtime), unless already set.
; Microsoft: a missing value, an empty one or 0.0.0.0 means not installed.
!macro ReadWebView2 ROOT KEY
  ${If} $WebView2Version == ""
    ClearErrors
    ReadRegStr $0 ${ROOT} "${KEY}" "pv"
    ${IfNot} ${Errors}
    ${AndIf} $0 != ""
    ${AndIf} $0 != "0.0.0.0"
      StrCpy $WebView2Version $0
    ${EndIf}
  ${EndIf}
!macroend

Function FindWebView2
  StrCpy $WebView2Version ""
  SetRegView 64
  !insertmacro ReadWebView2 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}"
  !insertmacro ReadWebView2 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}"
  !insertmacro ReadWebView2 HKCU "Software\${WEBVIEW2_CLIENT}"
  !insertmacro ReadWebView2 HKCU "Software\WOW6432Node\${WEBVIEW2_CLIENT}"
  SetRegView default
FunctionEnd

Function .onInit
  SetShellVarContext current
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${APP} needs 64-bit Windows 10 or 11." /SD IDOK
    SetErrorLevel 64
    Abort
  ${EndIf}
  Call FindWebView2
  ${If} $WebView2Version == ""
    MessageBox MB_ICONEXCLAMATION|MB_OK "${WEBVIEW2_MISSING}" /SD IDOK
    StrCpy $FinishText "${APP} ${VERSION} is installed, with an entry in the Start menu.$\r$\n$\r$\nThe Microsoft Edge WebView2 Runtime is still missing: install the Evergreen Standalone Installer (x64) from https://developer.microsoft.com/microsoft-edge/webview2/ (downloaded on a computer with internet access and copied here), then start ${APP}."
  ${Else}
    StrCpy $FinishText "${APP} ${VERSION} is installed, with an entry in the Start menu.$\r$\n$\r$\nThe first time, ${APP} offers to create your register (or to open the demo). A forgotten passphrase cannot be recovered: keep it safe and make backups."
  ${EndIf}
FunctionEnd

Section "${APP}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=${APP}.exe" "${EXE}"
  File "/oname=THIRD_PARTY-wqy-microhei-LICENSE.txt" "${NOTICES}\wqy-microhei\LICENSE"
  File "/oname=THIRD_PARTY-wqy-microhei-README.txt" "${NOTICES}\wqy-microhei\README.md"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0 SW_SHOWNORMAL "" "${DESCRIPTION}"

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "Comments" "${DESCRIPTION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0

  ${If} $WebView2Version == ""
    DetailPrint "The Microsoft Edge WebView2 Runtime is missing: install its Evergreen Standalone Installer (x64) before starting ${APP}."
  ${Else}
    DetailPrint "Microsoft Edge WebView2 Runtime $WebView2Version found."
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\THIRD_PARTY-wqy-microhei-LICENSE.txt"
  Delete "$INSTDIR\THIRD_PARTY-wqy-microhei-README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; The web view's cache (Wails keeps it in %APPDATA%\atpreg.exe); the
  ; register, in %APPDATA%\atpreg, stays.
  RMDir /r "$APPDATA\${APP}.exe"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  DeleteRegKey /ifempty HKCU "Software\HKSTP"
  DetailPrint "Your register in $APPDATA\${APP} is kept: delete that folder yourself only if you no longer need it (and have a backup)."
SectionEnd
