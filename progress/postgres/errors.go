package postgres

import (
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"pasapas/i18n"
)

// UnreachableError says that the server could not be reached: refused,
// timed out, shut down or the connection lost. Nothing of the call was
// saved. It says itself to the learner (record.Explainer); Err holds the
// details for whoever looks after the server.
type UnreachableError struct {
	Op  string // what was being done
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("postgres: %s: server unreachable: %v", e.Op, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// Message says it to the person at the PC, in lang: nothing is saved for
// now, tell a médiateur, it will come back by itself.
func (e *UnreachableError) Message(l i18n.Lang) string { return messages.Format(l, "unreachable") }

// IsUnreachable says whether err means the server could not be reached.
func IsUnreachable(err error) bool {
	var u *UnreachableError
	return errors.As(err, &u)
}

// unreachable says whether err means that the server could not be reached
// or went away, rather than that it refused what was asked.
func unreachable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code[:2] == "08": // connection exception
			return true
		case pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03": // shutting down, crashed, starting
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	case pgconn.Timeout(err), pgconn.SafeToRetry(err):
		return true
	}
	return false
}

var messages = i18n.Table{
	"unreachable": {
		FR: "Le serveur qui garde les progrès ne répond pas : vos réponses ne sont pas enregistrées pour le moment. " +
			"Prévenez un médiateur. Vous pouvez continuer : tout reprendra tout seul quand le serveur répondra.",
		EN: "The server that keeps progress is not answering: your answers are not being saved for now. " +
			"Please tell a médiateur. You can go on: everything will resume by itself when the server answers.",
	},
	"newer_schema": {
		FR: "La base des progrès a été mise à jour par une version plus récente de Pas à pas. " +
			"Pour ne rien abîmer, cette version n'y touche pas. Demandez à un médiateur d'installer la dernière version.",
		EN: "The progress database was updated by a newer version of Pas à pas. " +
			"So as to damage nothing, this version leaves it alone. Ask a médiateur to install the latest version.",
	},
}
