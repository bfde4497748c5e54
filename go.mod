module pasapas

go 1.26.0

require (
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.43.0
)

require github.com/open-spaced-repetition/go-fsrs/v3 v3.3.1
