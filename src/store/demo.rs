//! Realistic sample plans for `fenqi demo`: deterministic, fast, across providers and cards.
