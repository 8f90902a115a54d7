package cli

import "strings"

// Transition: the argument parsing of the commands not yet on flag sets
// (export, demand). It goes with rawArgs when the last of them has moved.

// flagArgs splits args into positional arguments and --name[=value] flags;
// valued names take the next argument when no '=' is given.
func flagArgs(cmd string, args []string, valued, boolean map[string]bool) (pos []string, flags map[string]string, err error) {
	flags = map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case boolean[name]:
			if hasValue {
				return nil, nil, usagef("%s: --%s takes no value", cmd, name)
			}
			flags[name] = "true"
		case valued[name]:
			if !hasValue {
				if i+1 >= len(args) {
					return nil, nil, usagef("%s: --%s needs a value", cmd, name)
				}
				i++
				value = args[i]
			}
			flags[name] = value
		default:
			return nil, nil, usagef("%s: unknown flag %s (see atpreg help %s)", cmd, a, cmd)
		}
	}
	return pos, flags, nil
}

// outputFromFlags returns the file named by -o or --output among flags (of
// flagArgs), or a usage error showing usage when neither is given.
func outputFromFlags(cmd string, flags map[string]string, usage string) (string, error) {
	if out := flags["o"]; out != "" {
		return out, nil
	}
	if out := flags["output"]; out != "" {
		return out, nil
	}
	return "", usagef("%s: name the output file with -o (%s)", cmd, usage)
}
