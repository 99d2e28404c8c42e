"""English copies for the demo: one lesson written in English, so English mode shows both a
translated lesson and the notice on the others. Blocks and answers keep the Vietnamese order."""

LESSON_01 = {
    "slug": "cai-dat-vneid-dang-ky-muc-1",
    "title": "Install the VNeID app and register a level 1 account",
    "summary": "Install the official VNeID app and register a level 1 electronic identity account "
    "on your own phone.",
    "audience": "Every resident",
    "try_url": "https://vneid.gov.vn",
    "try_label": "See the official VNeID site",
    "body": [
        (
            "text",
            "VNeID is the electronic identity app of the Ministry of Public Security. Since July "
            "2024 a VNeID account is how you sign in to do administrative procedures online.",
        ),
        (
            "text",
            "This is the ward's short guide. The full, certified courses are on the national "
            "platform binhdanhocvuso.gov.vn.",
        ),
        (
            "tip",
            "Have ready: your chip ID card, a smartphone with internet, and the phone number "
            "registered in your own name.",
        ),
        (
            "steps",
            [
                {
                    "title": "Open the app store",
                    "caption": "Open CH Play (Android) or App Store (iPhone).",
                },
                {"title": "Find VNeID", "caption": "Type VNeID in the search box."},
                {
                    "title": "Check the developer",
                    "caption": "Only choose the app published by the Ministry of Public Security.",
                },
                {"title": "Install", "caption": "Tap Install and wait for the download to finish."},
                {
                    "title": "Open the app",
                    "caption": "Open VNeID and choose to register an account.",
                },
                {
                    "title": "Enter your details",
                    "caption": "Enter your personal ID number (the 12 digits on your ID card) and "
                    "your phone number.",
                },
                {
                    "title": "Hold your ID card",
                    "caption": "If the app asks, hold your ID card against the back of the phone "
                    "and keep still.",
                },
                {
                    "title": "Take a photo of your face",
                    "caption": "Look straight at the camera and follow the instructions on screen.",
                },
                {
                    "title": "Enter the OTP code",
                    "caption": "Enter the code sent by text message to your phone.",
                },
                {
                    "title": "Set a password",
                    "caption": "Set a password. Remember it and tell nobody.",
                },
                {"title": "Set a passcode", "caption": "Set a 6-digit passcode."},
            ],
        ),
        (
            "warning",
            "Only download VNeID from CH Play or the App Store. Never install an app from a link "
            "a stranger sends by text, Zalo or Facebook.",
        ),
        (
            "tip",
            "Your phone cannot read the card, or you are stuck? Go to the ward police or ask the "
            "community digital technology team for help.",
        ),
        (
            "quiz",
            [
                {
                    "question": "Where should you download the VNeID app?",
                    "answers": [
                        {
                            "text": "From CH Play or the App Store",
                            "correct": True,
                            "explanation": "These are the official app stores, with the app "
                            "published by the Ministry of Public Security.",
                        },
                        {
                            "text": "From a link a stranger sends on Zalo",
                            "correct": False,
                            "explanation": "A strange link can install a fake app that steals "
                            "your data and money.",
                        },
                        {
                            "text": "From any website with VNeID in its name",
                            "correct": False,
                            "explanation": "Fraudsters often make fake websites with names like "
                            "the real one.",
                        },
                    ],
                },
                {
                    "question": "When you register, what is the personal ID number?",
                    "answers": [
                        {
                            "text": "Your phone number",
                            "correct": False,
                            "explanation": "The phone number is entered separately; it is not the "
                            "ID number.",
                        },
                        {
                            "text": "The 12 digits on your ID card",
                            "correct": True,
                            "explanation": "Your personal ID number is the 12 digits printed on "
                            "your ID card.",
                        },
                        {
                            "text": "Your bank account number",
                            "correct": False,
                            "explanation": "VNeID never needs a bank account number to register.",
                        },
                    ],
                },
                {
                    "question": "Who may know your VNeID password and passcode?",
                    "answers": [
                        {
                            "text": "A caller who says they are the police",
                            "correct": False,
                            "explanation": "The police never ask for a password by phone.",
                        },
                        {
                            "text": "Only you",
                            "correct": True,
                            "explanation": "Whoever has the password can use your account, so "
                            "keep it secret.",
                        },
                        {
                            "text": "Anyone who offers to help you install it",
                            "correct": False,
                            "explanation": "A helper only shows you how; you type your own "
                            "password.",
                        },
                    ],
                },
            ],
        ),
    ],
}
