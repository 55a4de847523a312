; Inno Setup 6 script: the Windows installer for the one-folder ino-desk build.
;
; On Windows, from the repository root, after building the bundle (packaging/README.md):
;   pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\ino-desk.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\ino-desk.iss
; The installer lands in dist\ino-desk-<version>-windows-x64-setup.exe. Paths below are
; relative to this file's folder.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\ino-desk.iss
#endif

#define AppName "ino-desk"
#define AppUserModelId "org.inodesk.InoDesk"

[Setup]
; AppId identifies the product for upgrades and uninstall; never change it.
AppId={{EE5D4EF5-6AA6-4786-9F93-E871ABD5D4EE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ino-desk
AppComments=Offline pharmacist workstation for inotuzumab ozogamicin (BESPONSA)
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; A pharmacist without admin rights can install for themselves; IT can choose "all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\ino-desk.ico
UninstallDisplayIcon={app}\ino-desk-gui.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Ask to close a running ino-desk before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole application folder, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The PyInstaller folder: ino-desk-gui.exe (windowed, for the Start menu), ino-desk.exe
; (console, for the command line) and _internal\ with Python, Qt and the label pack.
Source: "..\..\dist\ino-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\ino-desk-gui.exe"; AppUserModelID: "{#AppUserModelId}"; Comment: "Inotuzumab ozogamicin pharmacist workstation"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ino-desk-gui.exe"; AppUserModelID: "{#AppUserModelId}"; Tasks: desktopicon

[Run]
Filename: "{app}\ino-desk-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Records (%LOCALAPPDATA%\ino-desk), settings (registry HKCU\Software\ino-desk) and logs are
; the user's: the uninstaller leaves them, so reinstalling finds every record again.
