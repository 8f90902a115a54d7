package app

// services are the constructors of the bound area services; each area file
// adds its own from init, so wiring needs no central list.
var services []func(*Session) any

// addService registers an area service constructor.
func addService(f func(*Session) any) { services = append(services, f) }

// Bindings returns every struct the window binds: the session and the area
// services sharing it.
func Bindings(s *Session) []any {
	out := []any{s}
	for _, f := range services {
		out = append(out, f(s))
	}
	return out
}
