package cli

// commands lists every command of the CLI, in the order of the officer's
// work: the one place that names them (help sorts them by name).
func commands() []*Command {
	return []*Command{
		initCommand(),
		demoCommand(),
		importCommand(),
		intakeCommand(),
		formCommand(),
		sheetCommand(),
		evaluatorCommand(),
		exportCommand(),
		templateCommand(),
		listCommand(),
		showCommand(),
		briefCommand(),
		traceCommand(),
		letterCommand(),
		demandCommand(),
		backupCommand(),
		restoreCommand(),
		verifyCommand(),
		passwdCommand(),
		versionCommand(),
		helpCommand(),
	}
}
