import { useState } from "preact/hooks";
import { api, errorText } from "./api.ts";

export interface LoginFormProps {
  /** Where to go once signed in (a path on this site). */
  next: string;
}

/** The sign-in form: e-mail and password, the server's message on failure. */
export function LoginForm(props: LoginFormProps) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="login-form"
      method="post"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy(true);
        setError("");
        try {
          await api("/api/auth/login", {
            body: { email: String(form.get("email")), password: String(form.get("password")) },
          });
          location.assign(props.next);
        } catch (err) {
          setError(errorText(err));
          setBusy(false);
        }
      }}
    >
      <div class="field">
        <label for="login-email">Email</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autocomplete="username"
          required
          autofocus
        />
      </div>
      <div class="field">
        <label for="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
      </div>
      {error && <p class="form-error" role="alert">{error}</p>}
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
