//! Enums with stable text codes (used on the command line, in JSON and in storage).

/// Declares an enum whose variants have stable codes: `ALL`, `code()`, `from_code()` and
/// `Display` (the code).
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:expr),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable code used on the command line, in JSON and in storage.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The value with this code.
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use code_enum;
